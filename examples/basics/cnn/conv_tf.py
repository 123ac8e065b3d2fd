# env: main
"""TensorFlow 中的二维卷积：tf.nn.conv2d 与 keras.layers.Conv2D，NHWC 布局，"same"/"valid" 填充。

TensorFlow 在 CPU 上默认、也只完整支持 NHWC 布局：输入是 (批量, 高, 宽, 通道)，
卷积核是 (kh, kw, 输入通道, 输出通道)。本章的 NumPy 实现用 NCHW 与 (输出, 输入, kh, kw)，
所以交给 TensorFlow 之前要转置，取回结果后再转置回来。示例把 TensorFlow 的输出与 NumPy 实现比较，
再把 GradientTape 求出的梯度与手写的反向传播比较，打印最大差。
"""
import argparse

import keras
import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int


def conv2d_tf(X, W, b, stride=1, padding="VALID"):
    """X: NCHW，W: (F, C, kh, kw)。padding 是 "VALID"、"SAME" 或整数 p（四边各补 p）。返回 NCHW。"""
    if isinstance(padding, int):
        padding = [[0, 0], [padding, padding], [padding, padding], [0, 0]]
    Y = tf.nn.conv2d(np.transpose(X, (0, 2, 3, 1)),        # NCHW → NHWC
                     np.transpose(W, (2, 3, 1, 0)),        # (F, C, kh, kw) → (kh, kw, C, F)
                     strides=stride, padding=padding) + b
    return np.transpose(Y.numpy(), (0, 3, 1, 2))           # NHWC → NCHW


def conv2d_keras(X, W, b, stride=1, padding="valid"):
    """同样的权重装进 keras.layers.Conv2D（它的 kernel 也是 (kh, kw, C, F)）。"""
    layer = keras.layers.Conv2D(W.shape[0], W.shape[2:], strides=stride, padding=padding)
    layer.build((None, None, None, W.shape[1]))
    layer.set_weights([np.transpose(W, (2, 3, 1, 0)), b])
    return np.transpose(layer(np.transpose(X, (0, 2, 3, 1))).numpy(), (0, 3, 1, 2))


def conv2d_numpy(X, W, b, stride, pads):
    """对照用的 NumPy 卷积（NCHW）：pads = (上, 下, 左, 右)，按偏移取片做通道矩阵乘法。"""
    Xp = np.pad(X.astype(np.float64), ((0, 0), (0, 0), pads[:2], pads[2:]))
    F, _, kh, kw = W.shape
    Ho, Wo = (Xp.shape[2] - kh) // stride + 1, (Xp.shape[3] - kw) // stride + 1
    Y = np.zeros((X.shape[0], F, Ho, Wo)) + b[:, None, None]
    for u in range(kh):
        for v in range(kw):
            Y += np.einsum("nchw,fc->nfhw", Xp[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride], W[:, :, u, v])
    return Y


def conv2d_backward_numpy(G, X, W, stride, pad):
    """手写的反向（公式见正文）：返回 (∂L/∂X, ∂L/∂W, ∂L/∂b)，pad 为四边各补的行/列数。"""
    Xp = np.pad(X.astype(np.float64), ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    _, _, kh, kw = W.shape
    Ho, Wo = G.shape[2:]
    dXp, dW = np.zeros_like(Xp), np.zeros(W.shape)
    for u in range(kh):
        for v in range(kw):
            sl = (slice(None), slice(None), slice(u, u + stride * Ho, stride), slice(v, v + stride * Wo, stride))
            dW[:, :, u, v] = np.einsum("nfhw,nchw->fc", G, Xp[sl])
            dXp[sl] += np.einsum("nfhw,fc->nchw", G, W[:, :, u, v])
    return dXp[:, :, pad:Xp.shape[2] - pad, pad:Xp.shape[3] - pad], dW, G.sum(axis=(0, 2, 3))


def conv2d_grads_tf(X, W, b, G, stride, pad):
    """GradientTape 求 L = Σ G ⊙ Y 对 X、W、b 的梯度，换回 NCHW 与 (F, C, kh, kw)。"""
    Xv, Wv, bv = (tf.Variable(a) for a in (np.transpose(X, (0, 2, 3, 1)), np.transpose(W, (2, 3, 1, 0)), b))
    with tf.GradientTape() as tape:
        Y = tf.nn.conv2d(Xv, Wv, stride, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) + bv
        loss = tf.reduce_sum(Y * np.transpose(G, (0, 2, 3, 1)))
    dX, dW, db = tape.gradient(loss, [Xv, Wv, bv])
    return np.transpose(dX.numpy(), (0, 3, 1, 2)), np.transpose(dW.numpy(), (3, 2, 0, 1)), db.numpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X = np.arange(9.0, dtype=np.float32).reshape(1, 1, 3, 3)
    K = np.array([[0, 1], [2, 3]], dtype=np.float32).reshape(1, 1, 2, 2)
    print("3×3 输入与 2×2 卷积核的互相关:\n", conv2d_tf(X, K, np.zeros(1, np.float32))[0, 0])

    X = rng.normal(size=(2, 3, 8, 8)).astype(np.float32)      # NCHW
    W = rng.normal(size=(4, 3, 3, 3)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    print("\nNHWC 输入形状:", np.transpose(X, (0, 2, 3, 1)).shape)
    print("HWIO 卷积核形状:", np.transpose(W, (2, 3, 1, 0)).shape)
    for stride in (1, 2):
        for padding in ("VALID", "SAME"):
            Y = conv2d_tf(X, W, b, stride, padding)
            total = max((-(-8 // stride) - 1) * stride + 3 - 8, 0) if padding == "SAME" else 0
            pads = (total // 2, total - total // 2) * 2            # 多出的一行/列补在下方/右侧
            diff = np.abs(Y - conv2d_numpy(X, W, b, stride, pads)).max()
            print(f"步幅 {stride}、{padding} 填充的输出形状 (NCHW): {Y.shape}，与 NumPy 实现的最大差 {diff:.1e}")

    diff = np.abs(conv2d_keras(X, W, b, 2, "same") - conv2d_tf(X, W, b, 2, "SAME")).max()
    print(f"\nkeras Conv2D 与 tf.nn.conv2d 的最大差: {diff:.1e}")
    # 步幅 2 的 "same"：8 → 4 只需补 1 行，TensorFlow 把它补在下方；对称地上下各补 1 行结果不同
    asym = conv2d_tf(X, W, b, 2, "SAME")
    sym = conv2d_tf(X, W, b, 2, 1)
    print(f"SAME 与上下左右各补 1 的输出形状: {asym.shape[2:]} {sym.shape[2:]}")
    print(f"SAME 与上下左右各补 1 的最大差: {np.abs(asym - sym).max():.2f}")

    # GradientTape 的梯度与手写的反向传播（正文的三个公式）比较
    for stride, pad in ((1, 1), (2, 0)):
        G = rng.normal(size=conv2d_tf(X, W, b, stride, pad).shape).astype(np.float32)
        diffs = [np.abs(t - h).max() for t, h in zip(conv2d_grads_tf(X, W, b, G, stride, pad),
                                                      conv2d_backward_numpy(G, X, W, stride, pad))]
        print(f"步幅 {stride}、四边各补 {pad}：GradientTape 与手写梯度的最大差 "
              f"∂L/∂X {diffs[0]:.1e}, ∂L/∂W {diffs[1]:.1e}, ∂L/∂b {diffs[2]:.1e}")


if __name__ == "__main__":
    main()
