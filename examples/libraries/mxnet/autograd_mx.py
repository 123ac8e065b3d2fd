# env: mxnet
"""MXNet autograd：记录前向计算，反向传播得到梯度，并与解析导数对照。

``x.attach_grad()`` 为数组分配梯度缓冲区，``autograd.record()`` 里的运算被记录下来，
``y.backward()`` 沿记录反向求导（y 不是标量时先对所有元素求和）。记录发生在运行时，
所以前向计算里可以有普通的 Python 分支和循环。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as onp
from mxnet import autograd, np, npx

from mmdl.cli import positive_int

npx.set_np()


def cubic(x):
    """f(x) = x³ − 2x。"""
    return x ** 3 - 2 * x


def cubic_grad(values):
    """用 autograd 求 f'(x)，返回 NumPy 数组。"""
    x = np.array(values)
    x.attach_grad()
    with autograd.record():
        y = cubic(x)
    y.backward()
    return x.grad.asnumpy()


def doubling(a):
    """带 Python 循环与分支的函数：把 a 反复乘 2 直到范数超过 100。

    对给定的 a，结果总是 c·a（c 是 2 的幂或其相反数），所以导数就是 c。
    """
    b = a * 2
    while np.linalg.norm(b) < 100:
        b = b * 2
    if b.sum() > 0:
        return b
    return -b


def doubling_grad(value):
    """返回 (f(a), a, 梯度)，用于验证梯度等于 f(a)/a。"""
    a = np.array([value])
    a.attach_grad()
    with autograd.record():
        out = doubling(a)
    out.backward()
    return float(out[0]), value, float(a.grad[0])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=positive_int, default=41, help="采样点个数")
    args = parser.parse_args(argv)

    xs = onp.linspace(-2, 2, args.points).astype(onp.float32)
    grad = cubic_grad(xs)
    exact = 3 * xs ** 2 - 2
    print(f"x = 1 处 autograd 导数: {cubic_grad([1.0])[0]:.4f}")
    print(f"x = 1 处解析导数 3x²−2: {3 * 1.0 ** 2 - 2:.4f}")
    print(f"与解析导数的最大差异: {onp.abs(grad - exact).max():.2e}")

    for value in (0.7, -3.0):
        out, a, g = doubling_grad(value)
        print(f"a = {a}: f(a) = {out:.1f}, 梯度 = {g:.1f}, f(a)/a = {out / a:.1f}")

    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(xs, cubic(xs), label="f(x) = x³ − 2x")
    ax.plot(xs, grad, "o", markersize=4, label="autograd 求得的 f'(x)")
    ax.plot(xs, exact, "--", label="解析导数 3x² − 2")
    ax.axhline(0, color="gray", linewidth=0.5)
    ax.set_xlabel("x")
    ax.set_ylabel("函数值 / 导数值")
    ax.set_title("MXNet autograd 与解析导数")
    ax.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
