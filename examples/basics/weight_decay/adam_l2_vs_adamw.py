# env: main
"""Adam 里 L2 正则化不等于权重衰减：Adam + L2 与 AdamW（解耦权重衰减）的对比。

三个特征的尺度分别是 0.1、1、10，所以三个权重的梯度大小相差悬殊。
Adam + L2 把 λw 加进梯度，它和梯度一起被 Adam 的 √v̂ 归一化：梯度大的权重
每步受到的衰减反而小。AdamW（Loshchilov & Hutter）在 Adam 的更新之外单独做
w ← w − ηλw，每个权重每步按同样的比例衰减。用同样的 λ、η 和同样的小批量训练，两者停在不同的地方：
Adam + L2 接近 L + λ/2·‖w‖² 的最小点（岭回归解），AdamW 不是。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n=200, scales=(0.1, 1.0, 10.0), seed=0):
    """y = x·(1, 1, 1) + 噪声，第 i 个特征的标准差是 scales[i]。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(scales))) * np.asarray(scales)
    return X, X.sum(axis=1) + 0.1 * rng.normal(size=n)


def grad_mse(w, X, y):
    """L = 1/(2n)‖Xw − y‖² 的梯度。"""
    return X.T @ (X @ w - y) / len(y)


def ridge_solution(X, y, lam):
    """L + λ/2·‖w‖² 的最小点：(XᵀX/n + λI) w = Xᵀy/n。"""
    n, d = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)


def batches(n, batch_size, steps, seed=0):
    """每一步的小批量下标（各个优化器、各个框架用同一串）。"""
    rng = np.random.default_rng([1, seed])
    return [rng.choice(n, batch_size, replace=False) for _ in range(steps)]


def adam(X, y, lam, mode, lr, index_batches, w0=None, beta1=0.9, beta2=0.999, eps=1e-7):
    """从 w0（默认 0）出发。mode="l2"：梯度里加 λw；mode="adamw"：先 w ← w − ηλw 再做 Adam 更新。

    Adam 更新按 Kingma & Ba 第 2 节末尾的等价写法（Keras、MXNet 也这样实现）：
    α_t = η·√(1−β₂ᵗ)/(1−β₁ᵗ)，w ← w − α_t·m/(√v + ε)。
    """
    w = np.zeros(X.shape[1]) if w0 is None else np.array(w0, dtype=np.float64)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t, idx in enumerate(index_batches, start=1):
        g = grad_mse(w, X[idx], y[idx])
        if mode == "l2":
            g = g + lam * w
        elif mode == "adamw":
            w = w - lr * lam * w
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        w = w - alpha * m / (np.sqrt(v) + eps)
    return w


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=nonnegative_float, default=0.3, help="正则化系数 λ")
    parser.add_argument("--lr", type=positive_float, default=0.01, help="学习率 η")
    parser.add_argument("--steps", type=positive_int, default=3000, help="迭代步数")
    parser.add_argument("--batch-size", type=positive_int, default=20, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, y = make_data(seed=args.seed)
    if args.batch_size > len(y):
        parser.error(f"--batch-size 不能超过样本数 {len(y)}")

    index_batches = batches(len(y), args.batch_size, args.steps, args.seed)
    results = {"Adam（λ=0）": adam(X, y, 0.0, "none", args.lr, index_batches),
               "Adam + L2": adam(X, y, args.lam, "l2", args.lr, index_batches),
               "AdamW": adam(X, y, args.lam, "adamw", args.lr, index_batches),
               "岭回归解": ridge_solution(X, y, args.lam)}
    for name, w in results.items():
        print(f"{name} 的权重:", np.array2string(w, precision=4))
    ridge = results["岭回归解"]
    print(f"Adam+L2 与岭回归解的最大差异: {np.abs(results['Adam + L2'] - ridge).max():.4f}")
    print(f"AdamW 与岭回归解的最大差异: {np.abs(results['AdamW'] - ridge).max():.4f}")

    positions = np.arange(3)
    for k, (name, w) in enumerate(results.items()):
        plt.bar(positions + (k - 1.5) * 0.2, w, width=0.2, label=name)
    plt.xticks(positions, [f"w{i + 1}（特征尺度 {s:g}）" for i, s in enumerate((0.1, 1, 10))])
    plt.ylabel("训练结束时的权重")
    plt.title(f"同样的 λ = {args.lam:g}：Adam + L2 与 AdamW 停在不同的地方")
    plt.ylim(0, 1.25)
    plt.legend(ncol=4, fontsize=8, loc="upper center")
    plt.show()


if __name__ == "__main__":
    main()
