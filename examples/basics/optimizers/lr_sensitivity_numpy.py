# env: main
"""学习率敏感性：二次函数上的稳定界 2/λ_max，以及手写数字上三种优化器的学习率扫描。

左图：梯度下降在 f(w) = ½ Σ λ_i w_i² 上每一步把第 i 个坐标乘以 (1 − ηλ_i)，
所以 η > 2/λ_max 必然发散，η* = 2/(λ_min + λ_max) 收敛最快。
右图：softmax 回归在手写数字上训练 10 轮后的训练损失随学习率的变化（SGD、动量、Adam）。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

from mmdl.cli import positive_int

EIGS = np.array([1.0, 20.0])
W0 = np.array([-4.5, 1.5])


def gd_quadratic(lr, steps):
    """逐步迭代 w ← w − η∇f(w)，返回 steps 步后的 f。"""
    w = W0.copy()
    for _ in range(steps):
        w = w - lr * EIGS * w
    return 0.5 * np.sum(EIGS * w * w)


def gd_quadratic_closed_form(lr, steps):
    """闭式解：w_t = (1 − ηλ)^t w_0。"""
    return 0.5 * np.sum(EIGS * ((1 - lr * EIGS) ** steps * W0) ** 2)


def softmax_loss_grad(W, X, Y):
    """softmax 回归（W 最后一行是偏置）的平均交叉熵及其梯度；用 log-sum-exp 保证数值稳定。"""
    Z = X @ W
    Z = Z - Z.max(axis=1, keepdims=True)
    logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    return -np.mean(np.sum(Y * logp, axis=1)), X.T @ (np.exp(logp) - Y) / len(X)


def train_digits(method, lr, epochs=10, batch_size=64, seed=0):
    """返回训练结束时的训练集损失；发散（溢出）时返回 inf。"""
    X, y = load_digits(return_X_y=True)
    X = np.hstack([StandardScaler().fit_transform(X), np.ones((len(X), 1))])
    Y = np.eye(10)[y]
    rng = np.random.default_rng(seed)
    W = np.zeros((X.shape[1], 10))
    v, m, s, t = np.zeros_like(W), np.zeros_like(W), np.zeros_like(W), 0
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            order = rng.permutation(len(X))
            for i in range(0, len(X), batch_size):
                idx = order[i:i + batch_size]
                _, g = softmax_loss_grad(W, X[idx], Y[idx])
                if method == "SGD":
                    W = W - lr * g
                elif method == "Momentum":
                    v = 0.9 * v - lr * g
                    W = W + v
                else:  # Adam，β1 = 0.9，β2 = 0.999，ε = 1e-8
                    t += 1
                    m, s = 0.9 * m + 0.1 * g, 0.999 * s + 0.001 * g * g
                    W = W - lr * (m / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)
        loss = softmax_loss_grad(W, X, Y)[0]
    return float(loss) if np.isfinite(loss) else float("inf")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=50, help="二次函数上的迭代步数")
    parser.add_argument("--epochs", type=positive_int, default=10, help="手写数字上的训练轮数")
    args = parser.parse_args(argv)

    print(f"稳定界 2/λmax: {2 / EIGS.max():.4f}")
    print(f"最优学习率 2/(λmin+λmax): {2 / (EIGS.min() + EIGS.max()):.4f}")
    kappa = EIGS.max() / EIGS.min()
    print(f"最优收缩因子 (κ−1)/(κ+1): {(kappa - 1) / (kappa + 1):.4f}")
    lrs = np.linspace(0.002, 0.11, 300)
    finals = np.array([gd_quadratic(lr, args.steps) for lr in lrs])
    print(f"扫描得到的最优学习率: {lrs[np.argmin(finals)]:.4f}")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    ax1.semilogy(lrs, finals)
    ax1.axvline(2 / EIGS.max(), color="tab:red", ls="--", label="稳定界 2/λmax")
    ax1.axvline(2 / (EIGS.min() + EIGS.max()), color="tab:green", ls=":", label="η* = 2/(λmin+λmax)")
    ax1.set(xlabel="学习率 η", ylabel=f"{args.steps} 步后的 f(w)", title="梯度下降：病态二次函数")
    ax1.legend()

    grid = np.logspace(-4, 1, 11)
    for method in ("SGD", "Momentum", "Adam"):
        losses = np.array([train_digits(method, lr, args.epochs) for lr in grid])
        best = grid[np.argmin(losses)]
        print(f"{method} 最优学习率: {best:.4g}")
        print(f"{method} 最低训练损失: {losses.min():.4f}")
        ax2.loglog(grid, losses, "o-", label=method)
    ax2.set(xlabel="学习率（对数坐标）", ylabel="训练结束时的训练损失",
            title=f"softmax 回归：手写数字，{args.epochs} 轮")
    ax2.legend()
    plt.show()


if __name__ == "__main__":
    main()
