# env: main
"""张量与变量：tf.Tensor 不可变，tf.Variable 可以原地更新；默认即时执行（eager）。

TF2 默认即时执行：每个运算一调用就算出结果，可以直接打印、转成 NumPy。张量的
dtype 由输入决定：Python 浮点数得到 float32，NumPy 的 float64 数组仍是 float64；
不同 dtype 之间不会自动转换。模型参数放在 ``tf.Variable`` 里，用 ``assign`` 系列方法更新。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int


def affine(x, w, b):
    """x·w + b（b 沿行广播）。"""
    return tf.matmul(x, w) + b


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    tf.random.set_seed(args.seed)

    print(f"即时执行: {tf.executing_eagerly()}")
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(f"张量 a 的形状: {a.shape}")
    print(f"Python 浮点数得到的 dtype: {a.dtype.name}")
    print(f"Python 整数得到的 dtype: {tf.constant([1, 2]).dtype.name}")
    print(f"NumPy float64 数组得到的 dtype: {tf.constant(np.array([1.0])).dtype.name}")
    try:
        a + tf.constant([1.0], dtype=tf.float64)
    except tf.errors.InvalidArgumentError:
        print("float32 + float64: 报错，需要先 tf.cast")
    print(f"tf.cast 之后相加: {(tf.cast(a, tf.float64) + 1.0).dtype.name}")

    b = tf.constant([10.0, 20.0])
    print("a + b（b 按行广播）:")
    print((a + b).numpy())
    print("a @ a:")
    print((a @ a).numpy())
    print(f"NumPy 函数作用在张量上: {np.sum(a):.1f}")
    print(f"a[1, 0] 的值: {a[1, 0].numpy():.1f}")

    try:
        a[0, 0].assign(5.0)
    except AttributeError:
        print("张量不可变: tf.Tensor 没有 assign 方法")
    v = tf.Variable(a)
    v[0, 0].assign(5.0)
    v.assign_add(tf.ones_like(a))
    print("变量 v 更新之后:")
    print(v.numpy())
    print(f"变量可训练: {v.trainable}")

    x = tf.random.normal((4, 2))
    w = tf.Variable(tf.random.normal((2, 3)))
    out = affine(x, w, tf.zeros(3))
    print(f"仿射变换输出形状: {out.shape}")
    ref = x.numpy() @ w.numpy()
    print(f"与 NumPy 计算的最大差异: {np.abs(out.numpy() - ref).max():.1e}")


if __name__ == "__main__":
    main()
