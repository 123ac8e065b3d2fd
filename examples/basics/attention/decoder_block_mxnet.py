# env: mxnet
"""Gluon 搭的 Transformer 解码器块：与 NumPy、Keras 版本装入同样的参数，输出相同。

多头注意力沿用前面的做法（Dense 投影、头并进批量维、两次 batch_dot），这里多了掩码：被遮住的分数用
F.where 换成 −10⁹。因果掩码在块里由 arange_like 与 broadcast_lesser_equal 生成，交叉注意力的填充掩码
作为输入传进来。参数由与 NumPy 版相同的随机数生成，所以打印的输出可以与 TensorFlow 标签页逐项对照。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import gluon, nd

from mmdl.cli import nonnegative_int, positive_int

EPS = 1e-5
ATTS = ("s", "c")  # 自注意力（self）与交叉注意力（cross）的参数前缀


def init_decoder(d, d_ff, seed=0):
    """与 NumPy 版相同的参数：矩阵按 (输入, 输出) 排列。"""
    rng = np.random.default_rng(seed)
    r = lambda *s: rng.normal(0, 1 / np.sqrt(s[0]) if len(s) > 1 else 0.1, s).astype(np.float32)  # noqa: E731
    p = {f"{a}{w}{n}": r(d, d) if w == "W" else r(d) for a in ATTS for n in "qkvo" for w in "Wb"}
    p.update(W1=r(d, d_ff), b1=r(d_ff), W2=r(d_ff, d), b2=r(d))
    p.update({f"{k}{i}": (1 if k == "g" else 0) + r(d) for i in (1, 2, 3) for k in ("g", "be")})
    return p


class DecoderBlock(gluon.HybridBlock):
    def __init__(self, d, h, d_ff, pre_norm=False, **kwargs):
        super().__init__(**kwargs)
        self.h, self.d_k, self.pre_norm = h, d // h, pre_norm
        dense = lambda n, i, **kw: gluon.nn.Dense(n, flatten=False, in_units=i, **kw)  # noqa: E731
        for name in (a + n for a in ATTS for n in "qkvo"):      # sq、sk、sv、so 与 cq、ck、cv、co
            setattr(self, name, dense(d, d))
        self.ff1, self.ff2 = dense(d_ff, d, activation="relu"), dense(d, d_ff)
        self.ln1, self.ln2, self.ln3 = (gluon.nn.LayerNorm(epsilon=EPS, in_channels=d) for _ in range(3))

    def attention(self, F, a, xq, xkv, mask):
        """前缀为 a 的多头注意力；mask 形状 (B, T, S)，1 表示可以看。"""
        heads = lambda z: z.reshape((0, 0, self.h, -1)).transpose((0, 2, 1, 3)).reshape((-3, 0, 0))  # noqa: E731
        Q, K, V = (heads(getattr(self, a + n)(x)) for n, x in (("q", xq), ("k", xkv), ("v", xkv)))
        s = F.batch_dot(Q, K, transpose_b=True) / np.sqrt(self.d_k)
        mask = F.repeat(mask.expand_dims(1), repeats=self.h, axis=1).reshape((-3, 0, 0))   # (B·h, T, S)
        A = F.softmax(F.where(mask, s, F.ones_like(s) * -1e9), axis=-1)
        out = F.batch_dot(A, V).reshape((-4, -1, self.h, 0, 0)).transpose((0, 2, 1, 3)).reshape((0, 0, -1))
        return getattr(self, a + "o")(out)

    def hybrid_forward(self, F, x, m, cross_mask):
        pos = F.contrib.arange_like(x, axis=1)
        causal = F.broadcast_lesser_equal(pos.reshape((1, -1)), pos.reshape((-1, 1)))       # (T, T) 下三角
        causal = F.broadcast_like(causal.expand_dims(0), x, lhs_axes=(0,), rhs_axes=(0,))    # (B, T, T)
        ffn = lambda z: self.ff2(self.ff1(z))  # noqa: E731
        if self.pre_norm:
            z = self.ln1(x)
            x = x + self.attention(F, "s", z, z, causal)
            x = x + self.attention(F, "c", self.ln2(x), m, cross_mask)
            return x + ffn(self.ln3(x))
        x = self.ln1(x + self.attention(F, "s", x, x, causal))
        x = self.ln2(x + self.attention(F, "c", x, m, cross_mask))
        return self.ln3(x + ffn(x))


def build(p, d, h, d_ff, pre_norm=False):
    """装入 NumPy 参数：Dense 的权重是 (输出, 输入)，要转置。"""
    net = DecoderBlock(d, h, d_ff, pre_norm)
    net.initialize()
    pairs = [(a + n, a + "W" + n, a + "b" + n) for a in ATTS for n in "qkvo"] + [("ff1", "W1", "b1"), ("ff2", "W2", "b2")]
    for name, W, b in pairs:
        getattr(net, name).weight.set_data(nd.array(p[W].T))
        getattr(net, name).bias.set_data(nd.array(p[b]))
    for i in (1, 2, 3):
        getattr(net, f"ln{i}").gamma.set_data(nd.array(p[f"g{i}"]))
        getattr(net, f"ln{i}").beta.set_data(nd.array(p[f"be{i}"]))
    return net


def decoder_mxnet(p, x, m, h, enc_valid, pre_norm=False):
    """与 NumPy 版相同的接口：enc_valid 是每个编码器序列的有效长度。"""
    d, d_ff = x.shape[-1], p["W1"].shape[1]
    mask = (np.arange(m.shape[1])[None, None, :] < np.asarray(enc_valid)[:, None, None]).repeat(x.shape[1], 1)
    net = build(p, d, h, d_ff, pre_norm)
    return net(nd.array(x), nd.array(m), nd.array(mask.astype(np.float32))).asnumpy(), net


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
    p = init_decoder(d, d_ff, args.seed)
    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(2, 5, d)).astype(np.float32)          # 解码器一侧：2 个序列，各 5 个位置
    m = rng.normal(size=(2, 7, d)).astype(np.float32)          # 编码器的输出：7 个位置，第 2 个序列只有 4 个有效
    for pre in (False, True):
        name = "前归一化" if pre else "后归一化"
        y, net = decoder_mxnet(p, x, m, h, [7, 4], pre)
        n_params = sum(v.data().size for v in net.collect_params().values())
        print(f"{name}: Gluon 参数个数 {n_params}，公式 {8 * d * d + 2 * d * d_ff + 15 * d + d_ff}")
        print(f"{name}: 第 1 个序列第 1 个位置的输出（前 6 维）:", np.round(y[0, 0, :6], 4))


if __name__ == "__main__":
    main()
