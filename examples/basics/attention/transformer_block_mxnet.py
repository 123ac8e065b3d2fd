# env: mxnet
"""Gluon 搭的 Transformer 编码器块：与 NumPy、Keras 版本装入同样的参数，输出相同。

多头注意力沿用上一节的做法（四个 Dense、头并进批量维、两次 batch_dot），层归一化用 gluon.nn.LayerNorm
（γ、β 名为 gamma、beta），前馈网络是两个 flatten=False 的 Dense。参数由与 NumPy 版相同的随机数生成，
所以打印的输出可以与 TensorFlow 标签页逐项对照。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import gluon, nd

from mmdl.cli import nonnegative_int, positive_int

EPS = 1e-5


def init_block(d, d_ff, seed=0):
    """与 NumPy 版相同的参数：矩阵按 (输入, 输出) 排列。"""
    rng = np.random.default_rng(seed)
    r = lambda *s: rng.normal(0, 1 / np.sqrt(s[0]) if len(s) > 1 else 0.1, s).astype(np.float32)  # noqa: E731
    p = {f"{w}{n}": r(d, d) if w == "W" else r(d) for n in "qkvo" for w in "Wb"}
    p.update(W1=r(d, d_ff), b1=r(d_ff), W2=r(d_ff, d), b2=r(d), g1=1 + r(d), be1=r(d), g2=1 + r(d), be2=r(d))
    return p


class EncoderBlock(gluon.HybridBlock):
    def __init__(self, d, h, d_ff, pre_norm=False, **kwargs):
        super().__init__(**kwargs)
        self.h, self.d_k, self.pre_norm = h, d // h, pre_norm
        dense = lambda n, i, **kw: gluon.nn.Dense(n, flatten=False, in_units=i, **kw)  # noqa: E731
        self.q, self.k, self.v, self.o = (dense(d, d) for _ in range(4))
        self.ff1, self.ff2 = dense(d_ff, d, activation="relu"), dense(d, d_ff)
        self.ln1, self.ln2 = gluon.nn.LayerNorm(epsilon=EPS, in_channels=d), gluon.nn.LayerNorm(epsilon=EPS, in_channels=d)

    def attention(self, F, x):
        heads = lambda z: z.reshape((0, 0, self.h, -1)).transpose((0, 2, 1, 3)).reshape((-3, 0, 0))  # noqa: E731
        Q, K, V = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        A = F.softmax(F.batch_dot(Q, K, transpose_b=True) / np.sqrt(self.d_k), axis=-1)
        out = F.batch_dot(A, V).reshape((-4, -1, self.h, 0, 0)).transpose((0, 2, 1, 3)).reshape((0, 0, -1))
        return self.o(out)

    def hybrid_forward(self, F, x):
        if self.pre_norm:
            x = x + self.attention(F, self.ln1(x))
            return x + self.ff2(self.ff1(self.ln2(x)))
        x = self.ln1(x + self.attention(F, x))
        return self.ln2(x + self.ff2(self.ff1(x)))


def build(p, d, h, d_ff, pre_norm=False):
    """装入 NumPy 参数：Dense 的权重是 (输出, 输入)，要转置。"""
    net = EncoderBlock(d, h, d_ff, pre_norm)
    net.initialize()
    for name, W, b in (("q", "Wq", "bq"), ("k", "Wk", "bk"), ("v", "Wv", "bv"), ("o", "Wo", "bo"),
                       ("ff1", "W1", "b1"), ("ff2", "W2", "b2")):
        getattr(net, name).weight.set_data(nd.array(p[W].T))
        getattr(net, name).bias.set_data(nd.array(p[b]))
    for name, g, b in (("ln1", "g1", "be1"), ("ln2", "g2", "be2")):
        getattr(net, name).gamma.set_data(nd.array(p[g]))
        getattr(net, name).beta.set_data(nd.array(p[b]))
    return net


def block_mxnet(p, x, h, pre_norm=False):
    d, d_ff = x.shape[-1], p["W1"].shape[1]
    return build(p, d, h, d_ff, pre_norm)(nd.array(x)).asnumpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--d-model", type=positive_int, default=32, help="模型维数 d")
    parser.add_argument("--heads", type=positive_int, default=4, help="头数 h（须整除 d）")
    parser.add_argument("--d-ff", type=positive_int, default=64, help="前馈网络的隐藏维数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    d, h, d_ff = args.d_model, args.heads, args.d_ff
    if d % h:
        parser.error("--heads 必须整除 --d-model")
    mx.random.seed(args.seed)
    p = init_block(d, d_ff, args.seed)
    x = np.random.default_rng(args.seed).normal(size=(2, 6, d)).astype(np.float32)
    for pre in (False, True):
        name = "前归一化" if pre else "后归一化"
        net = build(p, d, h, d_ff, pre)
        y = net(nd.array(x)).asnumpy()
        n_params = sum(v.data().size for v in net.collect_params().values())
        print(f"{name}: Gluon 参数个数 {n_params}，公式 {4 * d * d + 2 * d * d_ff + 9 * d + d_ff}")
        print(f"{name}: 第 1 个序列第 1 个位置的输出（前 6 维）:", np.round(y[0, 0, :6], 4))


if __name__ == "__main__":
    main()
