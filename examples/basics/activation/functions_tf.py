# env: main
"""TensorFlow 2 里的激活函数：tf.nn / tf.math 的现成实现与 tf.GradientTape 自动求导。

同一组输入上打印函数值和自动微分得到的导数；它们应与 NumPy 版本的公式完全一致
（测试在一整张网格上检查这一点）。
"""
import argparse

import numpy as np
import tensorflow as tf

ACTIVATIONS = {
    "step": lambda x: tf.cast(x > 0, x.dtype),  # 阶跃函数不可导，梯度处处按 0 处理
    "sigmoid": tf.math.sigmoid,
    "tanh": tf.math.tanh,
    "linear": tf.identity,
    "relu": tf.nn.relu,
    "leaky_relu": lambda x: tf.nn.leaky_relu(x, alpha=0.01),
    "gelu": lambda x: tf.nn.gelu(x, approximate=False),
}


def values_and_grads(x):
    """返回 {名字: (函数值, 自动微分的导数)}，均为 NumPy 数组。"""
    x = tf.constant(x, dtype=tf.float64)
    out = {}
    for name, f in ACTIVATIONS.items():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        g = tape.gradient(y, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
        out[name] = (y.numpy(), g.numpy())
    return out


def softmax_and_jacobian(z):
    z = tf.constant(z, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        s = tf.nn.softmax(z)
    return s.numpy(), tape.jacobian(s, z).numpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--x", type=float, nargs="+", default=[-2.0, -0.5, 0.5, 2.0],
                        help="计算函数值与导数的输入点")
    args = parser.parse_args(argv)
    if not all(np.isfinite(args.x)):
        parser.error("--x 只接受有限的实数")

    x = np.array(args.x)
    print("输入 x =", x)
    for name, (y, g) in values_and_grads(x).items():
        print(f"{name:<10} f(x) = {np.round(y, 4)}   f'(x) = {np.round(g, 4)}")
    s, jac = softmax_and_jacobian(np.array([1.0, 2.0, 3.0]))
    print("softmax([1, 2, 3]) =", np.round(s, 4))
    print("softmax 的雅可比矩阵（tape.jacobian）:")
    print(np.round(jac, 4))


if __name__ == "__main__":
    main()
