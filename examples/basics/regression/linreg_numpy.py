# env: main
"""从零实现线性回归：用 NumPy 手写梯度，批量梯度下降。

损失取均方误差 L = (1/n)·Σ(ŷᵢ − yᵢ)²，其梯度为
∂L/∂w = (2/n)·Xᵀ(ŷ − y)，∂L/∂b = (2/n)·Σ(ŷᵢ − yᵢ)。参数从 0 出发，
每一步沿负梯度走 lr 倍。数据与初始化和本章 TensorFlow、Keras、MXNet 版本完全相同，
所以四个版本每一步的参数都应当一致，最终都应当等于正规方程的闭式解。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2


def make_data(n=1000, noise=0.1, seed=0):
    """生成线性回归数据：y = X·w + b + 噪声，X 的每个元素服从标准正态分布。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    y = X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)
    return X.astype(np.float32), y.astype(np.float32)


def mse_and_grads(X, y, w, b):
    """返回均方误差及其对 w、b 的梯度（解析式）。"""
    err = X @ w + b - y
    n = len(y)
    return np.mean(err ** 2), 2 / n * X.T @ err, 2 / n * err.sum()


def train(X, y, lr=0.1, epochs=100):
    """批量梯度下降，返回 (w, b, 每一步的损失)。"""
    w = np.zeros(X.shape[1], dtype=np.float32)
    b = np.float32(0.0)
    losses = []
    for _ in range(epochs):
        loss, grad_w, grad_b = mse_and_grads(X, y, w, b)
        w = w - np.float32(lr) * grad_w
        b = b - np.float32(lr) * grad_b
        losses.append(float(loss))
    return w, b, losses


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="生成数据的随机种子")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=100, help="梯度下降的步数")
    args = parser.parse_args(argv)

    X, y = make_data(seed=args.seed)
    w, b, losses = train(X, y, args.lr, args.epochs)
    loss, _, _ = mse_and_grads(X, y, w, b)
    print(f"w1: {w[0]:.4f}")
    print(f"w2: {w[1]:.4f}")
    print(f"b: {b:.4f}")
    print(f"最终训练损失: {loss:.6f}")

    plt.semilogy(range(1, len(losses) + 1), losses)
    plt.xlabel("迭代步数")
    plt.ylabel("均方误差（对数刻度）")
    plt.title("梯度下降的训练损失")
    plt.show()


if __name__ == "__main__":
    main()
