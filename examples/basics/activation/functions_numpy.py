# env: main
"""用 NumPy 从零实现常见激活函数及其导数，并画出函数与导数曲线。

实现阶跃（阈值）、Sigmoid、tanh、线性、ReLU、Leaky ReLU、GELU 和 Softmax。
每个函数都配一个闭式导数；程序用中心差分检查导数公式，并打印几个点上的函数值。
分段函数在 0 处一律取 z > 0 以外的那一支：step(0) = 0，ReLU'(0) = 0，LeakyReLU'(0) = α。
"""
import argparse
import math

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_int

_erfc = np.vectorize(math.erfc)


def step(x):
    return np.where(x > 0, 1.0, 0.0)


def sigmoid(x):
    # 分两支计算，避免 exp(-x) 在 x 很负时溢出
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh(x):
    return np.tanh(x)


def linear(x):
    return np.asarray(x, dtype=float)


def relu(x):
    return np.maximum(x, 0.0)


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha)  # 与 leaky_relu 取同一支：x = 0 处为 alpha


def normal_cdf(x):
    # Φ(x) = erfc(-x/√2)/2。不写成 (1 + erf(x/√2))/2：x 很负时 1 + erf 相减抵消，x < -7 时全部有效数字都丢了
    return 0.5 * _erfc(-np.asarray(x, dtype=float) / math.sqrt(2))


def gelu(x):
    return x * normal_cdf(x)


def softmax(z, axis=-1):
    z = z - np.max(z, axis=axis, keepdims=True)  # 平移不改变结果，却避免了溢出
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


DERIVATIVES = {
    "step": lambda x: np.zeros_like(x),  # x = 0 处不可导，其余处为 0
    "sigmoid": lambda x: sigmoid(x) * (1 - sigmoid(x)),
    "tanh": lambda x: 1 - np.tanh(x) ** 2,
    "linear": lambda x: np.ones_like(x),
    "relu": lambda x: np.where(x > 0, 1.0, 0.0),
    "leaky_relu": leaky_relu_grad,
    "gelu": lambda x: normal_cdf(x) + x * np.exp(-x**2 / 2) / math.sqrt(2 * math.pi),
}
FUNCTIONS = {"step": step, "sigmoid": sigmoid, "tanh": tanh, "linear": linear,
             "relu": relu, "leaky_relu": leaky_relu, "gelu": gelu}


def softmax_jacobian(z):
    """softmax 的雅可比矩阵：J = diag(s) - s sᵀ。"""
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=positive_int, default=401, help="作图的采样点数")
    args = parser.parse_args(argv)

    x = np.linspace(-4, 4, args.points)
    probe = np.array([-2.0, -0.5, 0.5, 2.0])  # 避开 0：阶跃、ReLU 在 0 处不可导
    h = 1e-6
    print("各函数在 x = -2, -0.5, 0.5, 2 处的值，以及导数公式与中心差分的最大误差 err：")
    print(f"{'name':<10}  {'f(-2)':>8}  {'f(-0.5)':>8}  {'f(0.5)':>8}  {'f(2)':>8}  {'err':>8}")
    for name, f in FUNCTIONS.items():
        numeric = (f(probe + h) - f(probe - h)) / (2 * h)
        err = np.max(np.abs(numeric - DERIVATIVES[name](probe)))
        values = "  ".join(f"{v:8.4f}" for v in f(probe))
        print(f"{name:<10}  {values}  {err:8.1e}")

    z = np.array([1.0, 2.0, 3.0])
    print("softmax([1, 2, 3]) =", np.round(softmax(z), 4), f" 和 = {softmax(z).sum():.6f}")
    print("softmax 雅可比每行之和为 0:", np.abs(softmax_jacobian(z).sum(axis=1)).max() < 1e-12)

    fig, axes = plt.subplots(2, 4, figsize=(12, 5.5), sharex=True)
    for ax, (name, f) in zip(axes.flat, FUNCTIONS.items()):
        ax.plot(x, f(x), label="函数")
        ax.plot(x, DERIVATIVES[name](x), "--", label="导数")
        ax.set_title(name)
    ax = axes.flat[-1]
    ax.plot(x, softmax(np.stack([x, np.zeros_like(x)]), axis=0)[0], label="softmax([x, 0])[0]")
    ax.set_title("softmax（两类）")
    for ax in axes.flat:
        ax.legend(fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("x")
    fig.suptitle("激活函数（实线）与它们的导数（虚线）")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
