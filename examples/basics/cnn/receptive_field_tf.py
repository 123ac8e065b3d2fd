# env: main
"""感受野：用递推公式计算，再用 TensorFlow 的自动微分实测。

第 l 层一个单元能“看到”的输入区域边长 r_l 满足 r_0 = 1，
  r_l = r_{l−1} + (k_l − 1)·j_{l−1}，  j_l = j_{l−1}·s_l，  j_0 = 1，
其中 k_l、s_l 是该层（卷积或池化）的窗口大小与步幅，j 是相邻两个单元在输入上相隔的像素数。
实测：把所有卷积核设为 1、池化用平均池化、不用激活函数，求最后一层中心单元对输入的梯度，
梯度不为 0 的区域就是感受野；梯度的大小说明中心像素比边缘像素贡献多。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mmdl.cli import positive_int

NETWORKS = {
    "本章的小卷积网络": [("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2)],
    "LeNet-5（C1–C5）": [("conv", 5, 1), ("pool", 2, 2), ("conv", 5, 1), ("pool", 2, 2), ("conv", 5, 1)],
    "两个 3×3 卷积": [("conv", 3, 1)] * 2,
    "三个 3×3 卷积": [("conv", 3, 1)] * 3,
}


def receptive_field(layers):
    """按递推公式返回 (感受野边长 r, 累计步幅 j)。"""
    r, j = 1, 1
    for _, k, s in layers:
        r, j = r + (k - 1) * j, j * s
    return r, j


def input_gradient(layers, size):
    """全 1 卷积核、平均池化、无激活的网络：最后一层中心单元对 size×size 输入的梯度。"""
    x = tf.Variable(tf.ones((1, size, size, 1)))
    with tf.GradientTape() as tape:
        h = x
        for kind, k, s in layers:
            if kind == "conv":
                h = tf.nn.conv2d(h, tf.ones((k, k, 1, 1)), strides=s, padding="VALID")
            else:
                h = tf.nn.avg_pool2d(h, k, s, padding="VALID")
        centre = h[0, h.shape[1] // 2, h.shape[2] // 2, 0]
    return tape.gradient(centre, x).numpy()[0, :, :, 0]


def measured_size(grad):
    """梯度非零区域的边长。"""
    rows, cols = np.nonzero(grad)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=positive_int, default=48, help="实测用的输入边长")
    args = parser.parse_args(argv)
    if args.size < 40:
        parser.error(f"--size 至少要 40，才装得下 LeNet-5 的感受野，收到 {args.size}")

    grads = {}
    for name, layers in NETWORKS.items():
        r, j = receptive_field(layers)
        grads[name] = input_gradient(layers, args.size)
        h, w = measured_size(grads[name])
        print(f"{name}: 公式 r = {r}，累计步幅 j = {j}，实测 {h}×{w}")
    c = 64
    print(f"C = {c} 个通道时，三个 3×3 卷积的权重数: {3 * 9 * c * c}")
    print(f"C = {c} 个通道时，一个 7×7 卷积的权重数: {49 * c * c}")

    fig, axes = plt.subplots(1, 2, figsize=(8, 4), layout="constrained")
    for ax, name in zip(axes, ("本章的小卷积网络", "LeNet-5（C1–C5）")):
        g = grads[name]
        rows, cols = np.nonzero(g)
        pad = 2
        crop = g[rows.min() - pad:rows.max() + pad + 1, cols.min() - pad:cols.max() + pad + 1]
        im = ax.imshow(crop / crop.max(), cmap="viridis")
        ax.set_title(f"{name}\n感受野 {rows.max() - rows.min() + 1}×{cols.max() - cols.min() + 1}")
        ax.set_xticks([]), ax.set_yticks([]), ax.grid(False)
        fig.colorbar(im, ax=ax, fraction=0.046, label="相对梯度")
    fig.suptitle("最后一层中心单元对输入各像素的梯度（四周留出 2 像素的 0）")
    plt.show()


if __name__ == "__main__":
    main()
