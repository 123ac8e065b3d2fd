# env: main
"""Keras 的回归损失：MeanSquaredError、MeanAbsoluteError 与 Huber。

Keras 先对最后一维取平均，再按默认的 "sum_over_batch_size" 对批取平均，所以二维输入
得到的是全部元素的平均，与 NumPy 版一致。Keras 没有单独的 Smooth L1：它等于 Huber(δ)/δ。
损失对象默认按 floatx（float32）计算，要得到 float64 的结果需传 ``dtype="float64"``。
"""
import argparse

import keras
import numpy as np
import tensorflow as tf

from mmdl.cli import positive_float


def make_batch(seed=0):
    """与 NumPy 版相同的一批数据（同一个种子、同一个随机数生成器）。"""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(8, 3))
    return y, y + rng.normal(scale=1.5, size=(8, 3))


def keras_losses(y, p, delta=1.0):
    """返回 {名字: (损失值, 对预测值的梯度)}，梯度由 GradientTape 求出。"""
    table = {
        "MSE": keras.losses.MeanSquaredError(dtype="float64"),
        "L1": keras.losses.MeanAbsoluteError(dtype="float64"),
        "Huber": keras.losses.Huber(delta=delta, dtype="float64"),
        "SmoothL1": lambda t, q: keras.losses.Huber(delta=delta, dtype="float64")(t, q) / delta,
    }
    out = {}
    for name, fn in table.items():
        pred = tf.Variable(p, dtype=tf.float64)
        with tf.GradientTape() as tape:
            value = fn(tf.constant(y, tf.float64), pred)
        out[name] = (float(value), tape.gradient(value, pred).numpy())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delta", type=positive_float, default=2.0,
                        help="Huber 的 δ 与 Smooth L1 的 β")
    args = parser.parse_args(argv)
    y, p = make_batch()
    values = keras_losses(y, p, args.delta)
    print(f"MSE: {values['MSE'][0]:.6f}")
    print(f"L1 损失: {values['L1'][0]:.6f}")
    print(f"Huber 损失: {values['Huber'][0]:.6f}")
    print(f"Smooth L1 损失: {values['SmoothL1'][0]:.6f}")
    total = keras.losses.MeanSquaredError(reduction="sum", dtype="float64")(y, p)
    print(f"reduction='sum' 时的 MSE（逐样本平均后求和）: {float(total):.6f}")


if __name__ == "__main__":
    main()
