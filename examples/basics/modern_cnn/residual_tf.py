# env: main
"""用 Keras 写残差块（恒等捷径与 1×1 投影捷径），装入与 NumPy 示例相同的权重，输出与梯度逐项相同。

Keras 是 NHWC 布局，卷积核 (kh, kw, 输入, 输出)，由 NCHW 的 (输出, 输入, kh, kw) 转置而来。
步幅为 2 时 padding="same" 只在下方、右侧补一行，与 NumPy、MXNet 的上下左右各补 1 不同，
所以第一个卷积前显式地 ZeroPadding2D(1)，再用 "valid"。
"""
import argparse

import numpy as np
import tensorflow as tf
from tensorflow import keras

from mmdl.cli import nonnegative_int


def init_block(rng, c_in, c_out, stride=1, scale=1.0):
    """与 NumPy 示例相同：Glorot 均匀分布乘 scale，偏置 N(0, 0.1²)；形状按 NCHW 的约定。"""
    def w(f, c, k):
        a = scale * np.sqrt(6 / ((c + f) * k * k))
        return rng.uniform(-a, a, (f, c, k, k)), rng.normal(0, 0.1, f)
    P = dict(zip(("W1", "b1"), w(c_out, c_in, 3))) | dict(zip(("W2", "b2"), w(c_out, c_out, 3)))
    if stride != 1 or c_in != c_out:
        P.update(zip(("Ws", "bs"), w(c_out, c_in, 1)))
    return P


def residual_block(c_in, c_out, stride=1, side=6, same_padding=False):
    """函数式 API：两条路径相加再 ReLU。same_padding=True 用 Keras 的 "same"（步幅 2 时结果不同）。"""
    x = keras.Input((side, side, c_in))
    h = (keras.layers.Conv2D(c_out, 3, strides=stride, padding="same", activation="relu", name="c1")(x)
         if same_padding else
         keras.layers.Conv2D(c_out, 3, strides=stride, activation="relu", name="c1")(keras.layers.ZeroPadding2D(1)(x)))
    z = keras.layers.Conv2D(c_out, 3, padding="same", name="c2")(h)
    shortcut = x
    if stride != 1 or c_in != c_out:
        shortcut = keras.layers.Conv2D(c_out, 1, strides=stride, name="proj")(x)
    return keras.Model(x, keras.layers.ReLU()(keras.layers.Add()([z, shortcut])))


def load_weights(model, P):
    for name, (W, b) in {"c1": ("W1", "b1"), "c2": ("W2", "b2"), "proj": ("Ws", "bs")}.items():
        if W in P:
            model.get_layer(name).set_weights([np.transpose(P[W], (2, 3, 1, 0)), P[b]])


def block_tf(x, P, stride=1, R=None, same_padding=False):
    """x 是 NCHW 的 NumPy 数组；返回 NCHW 的输出，给了 R 时还返回 L = Σ R ⊙ y 对 x 与各参数的梯度。"""
    c_out, c_in = P["W1"].shape[:2]
    model = residual_block(c_in, c_out, stride, x.shape[2], same_padding)
    load_weights(model, P)
    xt = tf.constant(np.transpose(x, (0, 2, 3, 1)).astype(np.float32))
    with tf.GradientTape() as tape:
        tape.watch(xt)
        y = model(xt)
        loss = tf.reduce_sum(y * np.transpose(R, (0, 2, 3, 1)).astype(np.float32)) if R is not None else 0.0
    y = np.transpose(y.numpy(), (0, 3, 1, 2))
    if R is None:
        return y, model.count_params()
    dx, *dw = tape.gradient(loss, [xt] + [model.get_layer(n).kernel for n in ("c1", "c2")])
    return y, np.transpose(dx.numpy(), (0, 3, 1, 2)), [np.transpose(g.numpy(), (3, 2, 0, 1)) for g in dw]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    for name, (c_in, c_out, stride) in (("恒等捷径", (3, 3, 1)), ("投影捷径", (3, 4, 2))):
        x, P = rng.normal(size=(2, c_in, 6, 6)), init_block(rng, c_in, c_out, stride)
        y, n_params = block_tf(x, P, stride)
        print(f"{name}：输出形状 (NCHW) {y.shape}，参数 {n_params} 个，"
              f"输出之和 {y.sum():.4f}，y[0, 0, 0] = {np.round(y[0, 0, 0], 4)}")
        if stride == 2:
            y_same = block_tf(x, P, stride, same_padding=True)[0]
            print(f"  若第一个卷积用 padding=\"same\"：与各补 1 的最大差 {np.abs(y_same - y).max():.3f}")


if __name__ == "__main__":
    main()
