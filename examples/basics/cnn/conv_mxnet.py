# env: mxnet
"""MXNet 中的二维卷积：nd.Convolution 与 gluon.nn.Conv2D，NCHW 布局，对称填充。

MXNet 默认的布局就是 NCHW：输入 (批量, 通道, 高, 宽)，卷积核 (输出通道, 输入通道, kh, kw)，
与本章的 NumPy 实现一致，不需要转置。它的填充参数 pad=(p, p) 总是上下、左右对称地补 p 行/列；
要得到 TensorFlow 那种 "same"（多出的一行补在下方）需要先用 nd.pad 自己补。示例把 MXNet 的输出与
NumPy 实现比较，再把 autograd 求出的梯度与手写的反向传播比较，打印最大差。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int


def conv2d_mx(X, W, b, stride=1, pad=0):
    """nd.Convolution：X 为 NCHW，W 为 (F, C, kh, kw)，pad 为四边各补的行/列数。"""
    F, _, kh, kw = W.shape
    Y = nd.Convolution(nd.array(X, dtype=X.dtype), nd.array(W, dtype=W.dtype), nd.array(b, dtype=b.dtype),
                       kernel=(kh, kw), stride=(stride, stride), pad=(pad, pad), num_filter=F)
    return Y.asnumpy()


def conv2d_gluon(X, W, b, stride=1, pad=0):
    """同样的权重装进 gluon.nn.Conv2D（权重形状同样是 (F, C, kh, kw)）。"""
    layer = gluon.nn.Conv2D(W.shape[0], W.shape[2:], strides=stride, padding=pad, in_channels=W.shape[1])
    layer.initialize()
    layer.weight.set_data(nd.array(W))
    layer.bias.set_data(nd.array(b))
    return layer(nd.array(X)).asnumpy()


def conv2d_same_mx(X, W, b, stride=1):
    """按 TensorFlow 的 "same" 约定补零（多出的一行/列补在下方/右侧），再做不填充的卷积。"""
    pads = []
    for n, k in zip(X.shape[2:], W.shape[2:]):
        total = max((-(-n // stride) - 1) * stride + k - n, 0)
        pads += [total // 2, total - total // 2]
    Xp = nd.pad(nd.array(X, dtype=X.dtype), mode="constant", pad_width=(0, 0, 0, 0, *pads))
    return conv2d_mx(Xp.asnumpy(), W, b, stride, 0)


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


def conv2d_grads_mx(X, W, b, G, stride, pad):
    """autograd 求 L = Σ G ⊙ Y 对 X、W、b 的梯度。"""
    Xv, Wv, bv = (nd.array(a, dtype=a.dtype) for a in (X, W, b))
    for v in (Xv, Wv, bv):
        v.attach_grad()
    with autograd.record():
        loss = (nd.Convolution(Xv, Wv, bv, kernel=W.shape[2:], stride=(stride, stride), pad=(pad, pad),
                               num_filter=W.shape[0]) * nd.array(G, dtype=G.dtype)).sum()
    loss.backward()
    return Xv.grad.asnumpy(), Wv.grad.asnumpy(), bv.grad.asnumpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    mx.random.seed(args.seed)

    X = np.arange(9.0, dtype=np.float32).reshape(1, 1, 3, 3)
    K = np.array([[0, 1], [2, 3]], dtype=np.float32).reshape(1, 1, 2, 2)
    print("3×3 输入与 2×2 卷积核的互相关:\n", conv2d_mx(X, K, np.zeros(1, np.float32))[0, 0])

    X = rng.normal(size=(2, 3, 8, 8)).astype(np.float32)      # NCHW
    W = rng.normal(size=(4, 3, 3, 3)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    print("\nNCHW 输入形状:", X.shape)
    print("OIHW 卷积核形状:", W.shape)
    for stride in (1, 2):
        for pad in (0, 1):
            Y = conv2d_mx(X, W, b, stride, pad)
            diff = np.abs(Y - conv2d_numpy(X, W, b, stride, (pad,) * 4)).max()
            print(f"步幅 {stride}、pad={pad} 的输出形状: {Y.shape}，与 NumPy 实现的最大差 {diff:.1e}")

    diff = np.abs(conv2d_gluon(X, W, b, 2, 1) - conv2d_mx(X, W, b, 2, 1)).max()
    print(f"\ngluon Conv2D 与 nd.Convolution 的最大差: {diff:.1e}")
    asym = conv2d_same_mx(X, W, b, 2)
    sym = conv2d_mx(X, W, b, 2, 1)
    print(f"TF 式 same 与 pad=1 的输出形状: {asym.shape[2:]} {sym.shape[2:]}")
    print(f"TF 式 same 与 pad=1 的最大差: {np.abs(asym - sym).max():.2f}")

    # autograd 的梯度与手写的反向传播（正文的三个公式）比较
    for stride, pad in ((1, 1), (2, 0)):
        G = rng.normal(size=conv2d_mx(X, W, b, stride, pad).shape).astype(np.float32)
        diffs = [np.abs(t - h).max() for t, h in zip(conv2d_grads_mx(X, W, b, G, stride, pad),
                                                      conv2d_backward_numpy(G, X, W, stride, pad))]
        print(f"步幅 {stride}、四边各补 {pad}：autograd 与手写梯度的最大差 "
              f"∂L/∂X {diffs[0]:.1e}, ∂L/∂W {diffs[1]:.1e}, ∂L/∂b {diffs[2]:.1e}")


if __name__ == "__main__":
    main()
