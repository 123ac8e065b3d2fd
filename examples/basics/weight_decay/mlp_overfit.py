# env: main
"""同一个过拟合实验换成多层感知机：200 维输入、20 个训练样本、64 个 tanh 隐藏单元。

数据与线性回归的例子完全相同。网络有一万多个参数，不加约束时它把 20 个训练点拟合得
几乎分毫不差，测试损失却很大；权重衰减在每一步把所有权重乘以 1−ηλ，
把与数据无关的那部分初始权重逐渐消去。梯度用上一章的手写反向传播计算。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n_train=20, n_test=100, dim=200, noise=0.01, seed=0):
    """与线性回归例子相同：y = 0.05 + Σ 0.01·x_i + ε。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_train + n_test, dim))
    y = X @ np.full(dim, 0.01) + 0.05 + rng.normal(scale=noise, size=n_train + n_test)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def init_params(dim, hidden, seed=0):
    rng = np.random.default_rng([1, seed])
    return {"W1": rng.normal(0, 1 / np.sqrt(dim), (dim, hidden)), "b1": np.zeros(hidden),
            "W2": rng.normal(0, 1, hidden), "b2": 0.0}


def predict(p, X):
    return np.tanh(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]


def mse(p, X, y):
    return float(np.mean((predict(p, X) - y) ** 2) / 2)


def grads_mse(p, X, y):
    """L = 1/(2n)Σ(f(x) − y)² 对四个参数的梯度（手写反向传播，不含惩罚项）。"""
    H = np.tanh(X @ p["W1"] + p["b1"])
    delta2 = (H @ p["W2"] + p["b2"] - y) / len(y)               # ∂L/∂输出
    delta1 = np.outer(delta2, p["W2"]) * (1 - H ** 2)            # ∂L/∂隐藏层输入
    return {"W1": X.T @ delta1, "b1": delta1.sum(axis=0),
            "W2": H.T @ delta2, "b2": delta2.sum()}


def train(X, y, X_test, y_test, lam, epochs, lr, batch_size, hidden=64, seed=0):
    """小批量 SGD 最小化 L + λ/2·(‖W1‖² + ‖W2‖²)：权重先乘 1 − ηλ，偏置不衰减。"""
    p = init_params(X.shape[1], hidden, seed)
    rng = np.random.default_rng([2, seed])
    history = {"train": [], "test": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            g = grads_mse(p, X[idx], y[idx])
            for name in p:
                decay = 1 - lr * lam if name[0] == "W" else 1.0
                p[name] = decay * p[name] - lr * g[name]
        history["train"].append(mse(p, X, y))
        history["test"].append(mse(p, X_test, y_test))
    return p, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lambdas", type=nonnegative_float, nargs="+", default=[0, 1, 3, 10],
                        help="要比较的 λ 值")
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元数")
    parser.add_argument("--epochs", type=positive_int, default=100, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.003, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=5, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X, y, X_test, y_test = make_data(seed=args.seed)
    print(f"参数个数: {X.shape[1] * args.hidden + 2 * args.hidden + 1}")
    baseline = np.mean((y.mean() - y_test) ** 2) / 2
    print(f"常数预测(训练集均值)的测试损失: {baseline:.4g}")
    fig, (ax_train, ax_test) = plt.subplots(1, 2, figsize=(9, 3.6))
    epochs = np.arange(1, args.epochs + 1)
    for lam in args.lambdas:
        _, history = train(X, y, X_test, y_test, lam, args.epochs, args.lr,
                           args.batch_size, args.hidden, args.seed)
        print(f"λ={lam:g} 训练损失: {history['train'][-1]:.4g}")
        print(f"λ={lam:g} 测试损失: {history['test'][-1]:.4g}")
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
