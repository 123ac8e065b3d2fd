# env: mxnet
"""用 Gluon 写残差块（恒等捷径与 1×1 投影捷径），装入与 NumPy 示例相同的权重，输出与梯度逐项相同。

Gluon 与 NumPy 示例一样是 NCHW 布局，卷积核 (输出, 输入, kh, kw)，权重可以直接装入；
padding=1 上下左右各补一行，步幅为 2 时也与 NumPy 示例相同。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int


def init_block(rng, c_in, c_out, stride=1, scale=1.0):
    """与 NumPy 示例相同：Glorot 均匀分布乘 scale，偏置 N(0, 0.1²)。"""
    def w(f, c, k):
        a = scale * np.sqrt(6 / ((c + f) * k * k))
        return rng.uniform(-a, a, (f, c, k, k)), rng.normal(0, 0.1, f)
    P = dict(zip(("W1", "b1"), w(c_out, c_in, 3))) | dict(zip(("W2", "b2"), w(c_out, c_out, 3)))
    if stride != 1 or c_in != c_out:
        P.update(zip(("Ws", "bs"), w(c_out, c_in, 1)))
    return P


class ResidualBlock(gluon.nn.HybridBlock):
    """y = ReLU(conv₂(ReLU(conv₁(x))) + shortcut(x))；形状改变时 shortcut 是 1×1 卷积。"""

    def __init__(self, c_in, c_out, stride=1, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = gluon.nn.Conv2D(c_out, 3, strides=stride, padding=1, in_channels=c_in)
        self.conv2 = gluon.nn.Conv2D(c_out, 3, padding=1, in_channels=c_out)
        self.proj = (gluon.nn.Conv2D(c_out, 1, strides=stride, in_channels=c_in)
                     if stride != 1 or c_in != c_out else None)

    def hybrid_forward(self, F, x):
        shortcut = x if self.proj is None else self.proj(x)
        return F.relu(self.conv2(F.relu(self.conv1(x))) + shortcut)


def block_mx(x, P, stride=1, R=None):
    """返回输出与参数个数；给了 R 时返回 (输出, ∂L/∂x, [∂L/∂W1, ∂L/∂W2])，L = Σ R ⊙ y。"""
    c_out, c_in = P["W1"].shape[:2]
    block = ResidualBlock(c_in, c_out, stride)
    block.initialize()
    for layer, (W, b) in ((block.conv1, ("W1", "b1")), (block.conv2, ("W2", "b2")), (block.proj, ("Ws", "bs"))):
        if W in P:
            layer.weight.set_data(nd.array(P[W]))
            layer.bias.set_data(nd.array(P[b]))
    xt = nd.array(x)
    xt.attach_grad()
    with autograd.record():
        y = block(xt)
        loss = (y * nd.array(R)).sum() if R is not None else y.sum()
    loss.backward()
    if R is None:
        return y.asnumpy(), sum(p.data().size for p in block.collect_params().values())
    return y.asnumpy(), xt.grad.asnumpy(), [block.conv1.weight.grad().asnumpy(), block.conv2.weight.grad().asnumpy()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    mx.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    for name, (c_in, c_out, stride) in (("恒等捷径", (3, 3, 1)), ("投影捷径", (3, 4, 2))):
        x, P = rng.normal(size=(2, c_in, 6, 6)), init_block(rng, c_in, c_out, stride)
        y, n_params = block_mx(x, P, stride)
        print(f"{name}：输出形状 {y.shape}，参数 {n_params} 个，"
              f"输出之和 {y.sum():.4f}，y[0, 0, 0] = {np.round(y[0, 0, 0], 4)}")


if __name__ == "__main__":
    main()
