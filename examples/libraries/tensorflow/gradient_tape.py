# env: main
"""tf.GradientTape：记录前向运算，反向求梯度；嵌套两层磁带得到二阶导数。

磁带自动记录对 ``tf.Variable`` 的运算，普通张量要先 ``tape.watch``。这里验证三件事：
f(x) = x³ − 2x 的导数 3x² − 2 与二阶导数 6x；线性回归均方误差
L = (1/n)‖Xw + b − y‖² 的梯度 ∂L/∂w = (2/n)Xᵀ(Xw + b − y)、∂L/∂b = (2/n)Σ(Xw + b − y)。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_int


def cubic(x):
    return x ** 3 - 2 * x


def cubic_derivatives(values):
    """返回 (f'(x), f''(x))，都由 GradientTape 求得。"""
    x = tf.constant(values, dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = cubic(x)
        dy = inner.gradient(y, x)            # y 不是标量时，相当于对 sum(y) 求导
    d2y = outer.gradient(dy, x)
    return dy.numpy(), d2y.numpy()


def mse_gradients(X, y, w0, b0):
    """线性回归均方误差对 w、b 的梯度，返回 (损失, ∂L/∂w, ∂L/∂b)。"""
    w = tf.Variable(w0)
    b = tf.Variable(b0)
    with tf.GradientTape() as tape:          # 变量会被自动追踪
        loss = tf.reduce_mean((tf.linalg.matvec(X, w) + b - y) ** 2)
    dw, db = tape.gradient(loss, [w, b])
    return loss.numpy(), dw.numpy(), db.numpy()


def mse_gradients_closed_form(X, y, w, b):
    r = X @ w + b - y
    n = len(y)
    return 2 / n * X.T @ r, 2 / n * r.sum()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=positive_int, default=50, help="回归样本数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    xs = np.linspace(-2, 2, 9)
    dy, d2y = cubic_derivatives(xs)
    print(f"x = 1 处的 f'(x): {dy[6]:.4f}")
    print(f"x = 1 处的 f''(x): {d2y[6]:.4f}")
    print(f"一阶导数与 3x²−2 的最大差异: {np.abs(dy - (3 * xs ** 2 - 2)).max():.1e}")
    print(f"二阶导数与 6x 的最大差异: {np.abs(d2y - 6 * xs).max():.1e}")

    rng = np.random.default_rng(args.seed)
    X = rng.normal(size=(args.samples, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.1 * rng.normal(size=args.samples)
    w0, b0 = np.zeros(3), np.float64(0.0)
    loss, dw, db = mse_gradients(X, y, w0, b0)
    dw_ref, db_ref = mse_gradients_closed_form(X, y, w0, b0)
    print(f"初始损失: {loss:.4f}")
    print(f"∂L/∂w（磁带）: {np.round(dw, 4)}")
    print(f"∂L/∂w（公式）: {np.round(dw_ref, 4)}")
    print(f"∂L/∂w 的最大差异: {np.abs(dw - dw_ref).max():.1e}")
    print(f"∂L/∂b 的差异: {abs(db - db_ref):.1e}")


if __name__ == "__main__":
    main()
