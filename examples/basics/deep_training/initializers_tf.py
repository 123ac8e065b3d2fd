# env: main
"""Keras 的初始化器：GlorotUniform、GlorotNormal、HeNormal、HeUniform 的分布与尺度。

Keras 的 Dense 层默认用 GlorotUniform。权重形状是 (n_in, n_out)，fan_in 取第一维。
两个“Normal”版本都是截断在 ±2σ 的正态分布：先把标准差除以 0.8796（截断正态的标准差），
截断后方差正好是公式给出的值。本示例各抽一个 300×200 的矩阵，比较样本方差与公式。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_int


def keras_samples(fan_in, fan_out, seed=0):
    """返回 {名字: (样本, 公式给出的方差)}。"""
    init = tf.keras.initializers
    shape = (fan_in, fan_out)
    glorot, he = 2 / (fan_in + fan_out), 2 / fan_in
    return {"GlorotUniform": (init.GlorotUniform(seed)(shape).numpy(), glorot),
            "GlorotNormal": (init.GlorotNormal(seed)(shape).numpy(), glorot),
            "HeNormal": (init.HeNormal(seed)(shape).numpy(), he),
            "HeUniform": (init.HeUniform(seed)(shape).numpy(), he)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fan-in", type=positive_int, default=300, help="输入单元数 n_in")
    parser.add_argument("--fan-out", type=positive_int, default=200, help="输出单元数 n_out")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    layer = tf.keras.layers.Dense(args.fan_out)
    layer.build((None, args.fan_in))
    print("Dense 默认的权重初始化器:", type(layer.kernel_initializer).__name__)
    print("Dense 的权重形状 (n_in, n_out):", tuple(layer.kernel.shape))
    for name, (w, var) in keras_samples(args.fan_in, args.fan_out, args.seed).items():
        print(f"{name}: 样本方差 {w.var():.6f}, 公式 {var:.6f}, 最大绝对值 {np.abs(w).max():.4f}")


if __name__ == "__main__":
    main()
