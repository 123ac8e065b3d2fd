# env: main
"""高维线性回归的过拟合：200 维特征、只有 20 个训练样本，看权重衰减的作用。

数据来自 y = 0.05 + Σ 0.01·x_i + ε，ε ~ N(0, 0.01²)。特征比样本多得多，不加约束时
模型能把训练误差压到接近 0，测试误差却很大。带 L2 惩罚 λ/2·‖w‖² 的小批量 SGD
（也就是每一步先把 w 乘以 1−ηλ 的权重衰减）在几个 λ 下训练，画出训练与测试损失。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n_train=20, n_test=100, dim=200, noise=0.01, seed=0):
    """真实权重全为 0.01、偏置 0.05 的线性模型加高斯噪声。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_train + n_test, dim))
    y = X @ np.full(dim, 0.01) + 0.05 + rng.normal(scale=noise, size=n_train + n_test)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def mse(w, b, X, y):
    """损失 L = 1/(2n) Σ (x·w + b − y)²。"""
    return float(np.mean((X @ w + b - y) ** 2) / 2)


def train(X, y, X_test, y_test, lam, epochs, lr, batch_size, seed=0):
    """从随机初始值出发最小化 L + λ/2·‖w‖²（偏置不惩罚）。

    返回 w、b 与每轮的训练、测试损失（不含惩罚项）。
    """
    rng = np.random.default_rng([1, seed])              # 与生成数据的随机数流分开
    w, b = rng.normal(size=X.shape[1]), 0.0             # 随机初始化 w ~ N(0, 1)
    history = {"train": [], "test": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            residual = X[idx] @ w + b - y[idx]
            grad_w = X[idx].T @ residual / len(idx)
            w = (1 - lr * lam) * w - lr * grad_w         # = w − η(∇L + λw)
            b = b - lr * residual.mean()
        history["train"].append(mse(w, b, X, y))
        history["test"].append(mse(w, b, X_test, y_test))
    return w, b, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lambdas", type=nonnegative_float, nargs="+", default=[0, 1, 3, 10],
                        help="要比较的 λ 值")
    parser.add_argument("--epochs", type=positive_int, default=100, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.003, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=5, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X, y, X_test, y_test = make_data(seed=args.seed)
    baseline = np.mean((y.mean() - y_test) ** 2) / 2
    print(f"常数预测(训练集均值)的测试损失: {baseline:.4g}")
    fig, (ax_train, ax_test) = plt.subplots(1, 2, figsize=(9, 3.6))
    epochs = np.arange(1, args.epochs + 1)
    for lam in args.lambdas:
        w, _, history = train(X, y, X_test, y_test, lam, args.epochs, args.lr,
                              args.batch_size, args.seed)
        print(f"λ={lam:g} 训练损失: {history['train'][-1]:.4g}")
        print(f"λ={lam:g} 测试损失: {history['test'][-1]:.4g}")
        print(f"λ={lam:g} 权重范数: {np.linalg.norm(w):.4f}")
        print(f"λ={lam:g} 恰好为 0 的权重个数: {np.sum(w == 0)}")
        ax_train.semilogy(epochs, history["train"], label=f"λ = {lam:g}")
        ax_test.semilogy(epochs, history["test"], label=f"λ = {lam:g}")
    ax_test.axhline(baseline, color="gray", linestyle=":", label="常数预测")
    ax_train.set_title("训练损失")
    ax_test.set_title("测试损失")
    for ax in (ax_train, ax_test):
        ax.set_xlabel("轮数（epoch）")
        ax.set_ylabel("均方误差 / 2（对数坐标）")
    fig.legend(*ax_test.get_legend_handles_labels(), loc="lower center", ncol=5)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    plt.show()


if __name__ == "__main__":
    main()
