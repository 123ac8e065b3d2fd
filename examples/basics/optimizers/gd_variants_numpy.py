# env: main
"""全批量梯度下降、随机梯度下降与小批量梯度下降：同一条更新规则，不同的梯度估计。

线性回归的损失 L(w) = ‖Xw − y‖²/(2n)。三种方法都执行 w ← w − η∇L_B(w)，区别只在
∇L_B 用多少个样本算：全部 n 个（GD）、1 个（SGD）或一小批 B 个（小批量）。每轮（epoch）
都把全部样本看一遍，于是 GD 每轮更新 1 次，SGD 更新 n 次，小批量更新 ⌈n/B⌉ 次。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_float, positive_int


def make_data(n=200, d=5, noise=0.5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = rng.normal(size=d)
    return X, X @ w_true + noise * rng.normal(size=n)


def loss(w, X, y):
    r = X @ w - y
    return r @ r / (2 * len(y))


def grad(w, X, y):
    """小批量 (X, y) 上的平均梯度 Xᵀ(Xw − y)/B。"""
    return X.T @ (X @ w - y) / len(y)


def epoch_batches(n, batch_size, rng):
    """一轮的小批量下标：先打乱，再按 batch_size 切开（最后一批可能较小）。"""
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def train(X, y, batch_size, lr, epochs, seed=0):
    """返回每次更新后的参数（第 0 行是初值 0），形状 (更新次数+1, d)。"""
    rng = np.random.default_rng(seed)
    ws = [np.zeros(X.shape[1])]
    for _ in range(epochs):
        for idx in epoch_batches(len(y), batch_size, rng):
            ws.append(ws[-1] - lr * grad(ws[-1], X[idx], y[idx]))
    return np.array(ws)


def least_squares(X, y):
    """闭式解：正规方程 XᵀXw = Xᵀy 的解，即 L 的全局最小点。"""
    return np.linalg.solve(X.T @ X, X.T @ y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.05, help="学习率（三种方法相同）")
    parser.add_argument("--batch-size", type=positive_int, default=16, help="小批量大小")
    args = parser.parse_args(argv)

    X, y = make_data()
    best = loss(least_squares(X, y), X, y)
    print(f"最小二乘最优损失: {best:.6f}")
    variants = {"SGD": 1, f"小批量 (B={args.batch_size})": args.batch_size, "全批量 GD": len(y)}
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    for label, bs in variants.items():
        ws = train(X, y, bs, args.lr, args.epochs)
        per_epoch = len(ws[1:]) // args.epochs
        curve = np.array([loss(w, X, y) for w in ws]) - best
        epochs = np.arange(len(ws)) / per_epoch
        print(f"{label} 每轮更新次数: {per_epoch}")
        print(f"{label} 最终损失: {loss(ws[-1], X, y):.6f}")
        style = dict(marker="o", ms=3, lw=1.5) if bs == len(y) else dict(lw=1)
        ax1.semilogy(epochs, curve, label=label, **style)
        ax2.loglog(np.arange(1, len(ws) + 1), curve, label=label, **style)
    ax1.set(xlabel="轮数（每轮看完全部样本一次）", ylabel="L(w) − 最优损失", title="按轮数")
    ax2.set(xlabel="更新次数 + 1（对数坐标）", ylabel="L(w) − 最优损失", title="按更新次数")
    ax1.legend()
    plt.show()


if __name__ == "__main__":
    main()
