# env: main
"""TensorFlow 2 实现线性回归：tf.GradientTape 自动求梯度，手动更新参数。

与 NumPy 版相同的数据、相同的零初始化和学习率；区别只在于梯度不再手写，
而是由 GradientTape 记录前向计算后自动求出。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_float, positive_int

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2


def make_data(n=1000, noise=0.1, seed=0):
    """生成线性回归数据：y = X·w + b + 噪声，X 的每个元素服从标准正态分布。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    y = X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)
    return X.astype(np.float32), y.astype(np.float32)


def train(X, y, lr=0.1, epochs=100):
    """批量梯度下降，返回 (w, b, 最后一步之后的损失)。"""
    X, y = tf.constant(X), tf.constant(y)
    w = tf.Variable(tf.zeros(X.shape[1]))
    b = tf.Variable(0.0)

    def loss_fn():
        return tf.reduce_mean(tf.square(tf.linalg.matvec(X, w) + b - y))

    for _ in range(epochs):
        with tf.GradientTape() as tape:
            loss = loss_fn()
        grad_w, grad_b = tape.gradient(loss, [w, b])
        w.assign_sub(lr * grad_w)
        b.assign_sub(lr * grad_b)
    return w.numpy(), float(b.numpy()), float(loss_fn())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="生成数据的随机种子")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=100, help="梯度下降的步数")
    args = parser.parse_args(argv)

    X, y = make_data(seed=args.seed)
    w, b, loss = train(X, y, args.lr, args.epochs)
    print(f"w1: {w[0]:.4f}")
    print(f"w2: {w[1]:.4f}")
    print(f"b: {b:.4f}")
    print(f"最终训练损失: {loss:.6f}")


if __name__ == "__main__":
    main()
