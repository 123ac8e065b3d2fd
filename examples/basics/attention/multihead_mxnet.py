# env: mxnet
"""MXNet 中的多头注意力：用 nd.batch_dot 等基本运算搭出来，与 NumPy、Keras 版本算出同样的数。

MXNet 1.9.1 的 Gluon 没有现成的多头注意力层。把 h 个头并进批量维：(B, T, h·d_k) → (B·h, T, d_k)，
两次 batch_dot（Q·Kᵀ 与 权重·V）就完成了全部头的注意力，最后再把头拆回来拼接。
参数用与 NumPy 版相同的随机数生成，所以打印的输出可以与 TensorFlow 标签页逐项对照。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import gluon, nd

from mmdl.cli import nonnegative_int, positive_int


def init_mha(d_model, h, d_k, seed=0):
    """与 NumPy 版相同：Wq、Wk、Wv 为 (d_model, h·d_k)，Wo 为 (h·d_k, d_model)，各带偏置。"""
    rng = np.random.default_rng(seed)
    p = {}
    for name, shape in (("q", (d_model, h * d_k)), ("k", (d_model, h * d_k)), ("v", (d_model, h * d_k)),
                        ("o", (h * d_k, d_model))):
        p["W" + name] = rng.normal(0, 1 / np.sqrt(shape[0]), shape).astype(np.float32)
        p["b" + name] = rng.normal(0, 0.1, shape[1]).astype(np.float32)
    return p


def split_heads(X, h):
    """(B, T, h·d_k) → (B·h, T, d_k)：头并进批量维。"""
    X = X.reshape((0, 0, h, -1)).transpose((0, 2, 1, 3))
    return X.reshape((-3, 0, 0))


def merge_heads(X, h):
    """(B·h, T, d_k) → (B, T, h·d_k)。"""
    X = X.reshape((-4, -1, h, 0, 0)).transpose((0, 2, 1, 3))
    return X.reshape((0, 0, -1))


class MultiHeadAttention(gluon.HybridBlock):
    """四个 Dense（flatten=False，权重形状为 (输出, 输入)，即 NumPy 矩阵的转置）加两次 batch_dot。"""

    def __init__(self, d_model, h, d_k, **kwargs):
        super().__init__(**kwargs)
        self.h, self.d_k = h, d_k
        self.q, self.k, self.v = (gluon.nn.Dense(h * d_k, flatten=False, in_units=d_model) for _ in range(3))
        self.o = gluon.nn.Dense(d_model, flatten=False, in_units=h * d_k)

    def hybrid_forward(self, F, xq, xkv, mask):
        Q, K, V = (split_heads(layer(x), self.h) for layer, x in ((self.q, xq), (self.k, xkv), (self.v, xkv)))
        scores = F.batch_dot(Q, K, transpose_b=True) / np.sqrt(self.d_k)
        mask = F.repeat(mask.expand_dims(1), repeats=self.h, axis=1).reshape((-3, 0, 0))   # (B·h, T, S)
        A = F.softmax(F.where(mask, scores, F.ones_like(scores) * -1e9), axis=-1)
        return self.o(merge_heads(F.batch_dot(A, V), self.h)), A


def build(p, h, d_k):
    net = MultiHeadAttention(p["Wq"].shape[0], h, d_k)
    net.initialize()
    for n in "qkvo":
        layer = getattr(net, n)
        layer.weight.set_data(nd.array(p["W" + n].T))
        layer.bias.set_data(nd.array(p["b" + n]))
    return net


def mha_mxnet(p, Xq, Xkv, h, d_k, mask=None):
    """返回输出 (B, T, d_model) 与权重 (B, h, T, S)；mask 为 None 时所有位置可见。"""
    if mask is None:
        mask = np.ones((Xq.shape[0], Xq.shape[1], Xkv.shape[1]), bool)
    out, A = build(p, h, d_k)(nd.array(Xq), nd.array(Xkv), nd.array(mask.astype(np.float32)))
    return out.asnumpy(), A.asnumpy().reshape(Xq.shape[0], h, Xq.shape[1], Xkv.shape[1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heads", type=positive_int, default=4, help="头数 h")
    parser.add_argument("--key-dim", type=positive_int, default=8, help="每个头的维数 d_k")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    h, d_k, d_model = args.heads, args.key_dim, 16
    mx.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    p = init_mha(d_model, h, d_k, args.seed)
    X = rng.normal(size=(2, 5, d_model)).astype(np.float32)
    M = rng.normal(size=(2, 7, d_model)).astype(np.float32)

    net = build(p, h, d_k)
    print("Gluon 的权重形状:")
    for name, param in net.collect_params().items():
        print(f"  {name.split('_', 1)[1]:<16s} {param.shape}")
    print(f"参数个数: {sum(param.data().size for param in net.collect_params().values())}")

    causal = np.tril(np.ones((5, 5), bool))[None].repeat(2, 0)
    valid = (np.arange(7)[None, None, :] < np.array([7, 4])[:, None, None]).repeat(5, 1)
    for name, (q, kv, mask) in {"自注意力": (X, X, None), "因果自注意力": (X, X, causal),
                                "带填充掩码的交叉注意力": (X, M, valid)}.items():
        out, A = mha_mxnet(p, q, kv, h, d_k, mask)
        print(f"\n{name}: 输出 {out.shape}，权重 {A.shape}")
        print(f"  每行权重之和的最大偏差: {np.abs(A.sum(-1) - 1).max():.1e}")
        if mask is not None:
            print(f"  被遮住位置上的最大权重: {A[~mask[:, None].repeat(h, 1)].max():.1e}")
    print("\n第 1 个序列因果自注意力的输出（前 4 维）:")
    print(np.round(mha_mxnet(p, X, X, h, d_k, causal)[0][0, :, :4], 4))


if __name__ == "__main__":
    main()
