# env: main
"""三个小部件：1×1 卷积就是每个像素上的全连接层；全局平均池化代替“展平 + 全连接”；空洞卷积。

空洞（扩张）率为 d 的 k×k 卷积在输入上隔 d−1 个像素取一个点，相当于边长 d(k−1)+1 的卷积核，
输出边长 ⌊(n + p − d(k−1) − 1)/s⌋ + 1。每一项都与 Keras 的结果比较；池化的步幅默认等于窗口大小。
"""
import argparse

import numpy as np
import tensorflow as tf
from tensorflow import keras

from mmdl.cli import nonnegative_int


def dilated_output_size(n, k, d=1, s=1, p=0):
    return (n + p - d * (k - 1) - 1) // s + 1


def dilate_kernel(W, d):
    """在 (kh, kw, C, F) 卷积核的相邻元素之间插入 d−1 个 0。"""
    k = W.shape[0]
    out = np.zeros((d * (k - 1) + 1, d * (k - 1) + 1) + W.shape[2:], W.dtype)
    out[::d, ::d] = W
    return out


def head_params(side, channels, classes, hidden=()):
    """两种分类头的参数个数（按 输入×输出+输出 逐层相加）：展平后接全连接层，或全局平均池化后接全连接层。"""
    def count(n_in):
        sizes = [n_in, *hidden, classes]
        return sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    return count(side * side * channels), count(channels)


def head_params_keras(side, channels, classes):
    """同样两种分类头，由 Keras 的 count_params() 数出来（只用于小网络，大的太占内存）。"""
    def count(first):
        return keras.Sequential([keras.Input((side, side, channels)), first,
                                 keras.layers.Dense(classes)]).count_params()
    return count(keras.layers.Flatten()), count(keras.layers.GlobalAveragePooling2D())


def receptive_field_measured(dilations, side=33):
    """全 1 卷积核、无激活，最后一层中心单元对输入的梯度不为 0 的区域边长。"""
    x = tf.Variable(tf.zeros((1, side, side, 1)))
    with tf.GradientTape() as tape:
        h = x
        for d in dilations:
            h = tf.nn.conv2d(h, tf.ones((3, 3, 1, 1)), 1, "SAME", dilations=d)
        center = h[0, side // 2, side // 2, 0]
    nonzero = np.argwhere(tape.gradient(center, x).numpy()[0, :, :, 0] != 0)
    return int(nonzero[:, 0].max() - nonzero[:, 0].min() + 1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X = rng.normal(size=(2, 5, 5, 16)).astype(np.float32)              # NHWC，16 个通道
    conv = keras.layers.Conv2D(4, 1)
    Y = conv(X).numpy()
    W, b = conv.get_weights()
    print(f"1×1 卷积核的形状 {W.shape}，参数 {conv.count_params()} = 16×4+4")
    print(f"Conv2D(4, 1) 与 (每个像素的 16 维向量) @ (16×4 矩阵) + b 的最大差: "
          f"{np.abs(Y - (X.reshape(-1, 16) @ W[0, 0] + b).reshape(2, 5, 5, 4)).max():.1e}")

    gap = keras.layers.GlobalAveragePooling2D()(X).numpy()
    print(f"\nGlobalAveragePooling2D 输出形状 {gap.shape}，与对高、宽求平均之差: {np.abs(gap - X.mean(axis=(1, 2))).max():.1e}")
    for name, cfg in (("ResNet-18 末端 7×7×512 → 1000 类", (7, 512, 1000, ())),
                      ("VGG-16 末端 7×7×512 → 4096 → 4096 → 1000", (7, 512, 1000, (4096, 4096))),
                      ("上一章的小网络 4×4×16 → 10 类", (4, 16, 10, ()))):
        flat, pooled = head_params(*cfg)
        print(f"{name}：展平 + 全连接 {flat:,} 个参数，全局平均池化 + 全连接 {pooled:,} 个（{flat / pooled:.0f} 倍）")
    print("Keras 数出的小网络两种分类头的参数:", head_params_keras(4, 16, 10))

    print("\n空洞卷积：n  k  d  p  公式  Keras")
    for n, k, d, p in [(16, 3, 1, 0), (16, 3, 2, 0), (16, 3, 4, 0), (15, 5, 2, 2), (16, 3, 2, 4), (9, 3, 4, 0)]:
        x = rng.normal(size=(1, n, n, 1)).astype(np.float32)
        layer = keras.layers.Conv2D(1, k, dilation_rate=d)
        y = layer(np.pad(x, ((0, 0), (p // 2, p - p // 2), (p // 2, p - p // 2), (0, 0))))
        print(f"{n:12d} {k:2d} {d:2d} {p:2d} {dilated_output_size(n, k, d, 1, p):5d} {y.shape[1]:6d}")
    W3 = rng.normal(size=(3, 3, 1, 1)).astype(np.float32)
    x = rng.normal(size=(1, 16, 16, 1)).astype(np.float32)
    diff = np.abs(tf.nn.conv2d(x, W3, 1, "VALID", dilations=2) - tf.nn.conv2d(x, dilate_kernel(W3, 2), 1, "VALID"))
    print(f"空洞率 2 的 3×3 卷积与插入 0 后的 5×5 普通卷积的最大差: {float(tf.reduce_max(diff)):.1e}")
    for dilations in ([1, 1, 1], [1, 2, 4]):
        formula = 1 + sum(2 * d for d in dilations)                     # 每层 3×3：感受野增加 (k−1)·d
        print(f"三层 3×3、空洞率 {dilations}：感受野公式 {formula}，实测 {receptive_field_measured(dilations)}，"
              f"权重都是 {len(dilations) * 9} 个")

    pool = keras.layers.MaxPooling2D(2)
    print(f"\nMaxPooling2D(2) 的 strides 默认 {pool.strides}（等于窗口），8×8 → {pool(np.zeros((1, 8, 8, 1))).shape[1:3]}")


if __name__ == "__main__":
    main()
