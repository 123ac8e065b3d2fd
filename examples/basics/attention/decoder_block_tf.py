# env: main
"""Transformer 解码器块：因果自注意力 + 对编码器输出的交叉注意力 + 前馈网络；NumPy 从零实现 = Keras 搭的同一个块。

三个子层各带残差连接与层归一化。后归一化：x ← LN(x + 子层(x))；前归一化：x ← x + 子层(LN(x))。
自注意力加因果掩码（位置 i 只看 0…i）；交叉注意力的查询来自解码器，键和值来自编码器的输出 m，
编码器一侧的填充位置被填充掩码遮住。参数个数：两个注意力 2(4d² + 4d)，前馈 2·d·d_ff + d_ff + d，三个层归一化 6d。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

EPS = 1e-5
ATTS = ("s", "c")  # 自注意力（self）与交叉注意力（cross）的参数前缀


def layer_norm(x, gamma, beta):
    mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + EPS) + beta


def mha(p, a, xq, xkv, h, mask):
    """前缀为 a 的多头注意力；mask 形状 (B, T, S)，True 表示可以看。"""
    (B, T, d), S = xq.shape, xkv.shape[1]
    Q, K, V = ((x @ p[a + "W" + n] + p[a + "b" + n]).reshape(B, -1, h, d // h).transpose(0, 2, 1, 3)
               for x, n in ((xq, "q"), (xkv, "k"), (xkv, "v")))
    s = np.where(mask[:, None], Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d // h), -1e9)
    A = np.exp(s - s.max(-1, keepdims=True))
    A /= A.sum(-1, keepdims=True)
    return (A @ V).transpose(0, 2, 1, 3).reshape(B, T, d) @ p[a + "Wo"] + p[a + "bo"], A.reshape(B, h, T, S)


def decoder_numpy(p, x, m, h, enc_valid, pre_norm=False):
    """x: 解码器输入 (B, T, d)；m: 编码器输出 (B, S, d)；enc_valid: 每个编码器序列的有效长度。"""
    (B, T, _), S = x.shape, m.shape[1]
    causal = np.broadcast_to(np.tril(np.ones((T, T), bool)), (B, T, T))
    pad = np.broadcast_to(np.arange(S) < np.asarray(enc_valid)[:, None, None], (B, T, S))
    ln = lambda z, i: layer_norm(z, p[f"g{i}"], p[f"be{i}"])  # noqa: E731
    ffn = lambda z: np.maximum(z @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]  # noqa: E731
    if pre_norm:
        z = ln(x, 1)
        x = x + mha(p, "s", z, z, h, causal)[0]
        out, A = mha(p, "c", ln(x, 2), m, h, pad)              # A: 交叉注意力的权重 (B, h, T, S)
        x = x + out
        return x + ffn(ln(x, 3)), A
    x = ln(x + mha(p, "s", x, x, h, causal)[0], 1)
    out, A = mha(p, "c", x, m, h, pad)
    x = ln(x + out, 2)
    return ln(x + ffn(x), 3), A


def init_decoder(d, d_ff, seed=0):
    rng = np.random.default_rng(seed)
    r = lambda *s: rng.normal(0, 1 / np.sqrt(s[0]) if len(s) > 1 else 0.1, s).astype(np.float32)  # noqa: E731
    p = {f"{a}{w}{n}": r(d, d) if w == "W" else r(d) for a in ATTS for n in "qkvo" for w in "Wb"}
    p.update(W1=r(d, d_ff), b1=r(d_ff), W2=r(d_ff, d), b2=r(d))
    p.update({f"{k}{i}": (1 if k == "g" else 0) + r(d) for i in (1, 2, 3) for k in ("g", "be")})
    return p


def decoder_keras(p, d, h, d_ff, pre_norm=False):
    """用 Keras 层搭同一个块并装入 NumPy 的参数；输入为 (x, m, 交叉注意力的掩码)。"""
    x_in, m_in, mask_in = keras.Input((None, d)), keras.Input((None, d)), keras.Input((None, None), dtype="bool")
    self_att, cross_att = keras.layers.MultiHeadAttention(h, d // h), keras.layers.MultiHeadAttention(h, d // h)
    lns = [keras.layers.LayerNormalization(epsilon=EPS) for _ in range(3)]
    ff1, ff2 = keras.layers.Dense(d_ff, activation="relu"), keras.layers.Dense(d)
    subs = (lambda z: self_att(z, z, use_causal_mask=True), lambda z: cross_att(z, m_in, attention_mask=mask_in),
            lambda z: ff2(ff1(z)))
    x = x_in
    for ln, sub in zip(lns, subs):
        x = x + sub(ln(x)) if pre_norm else ln(x + sub(x))
    model = keras.Model([x_in, m_in, mask_in], x)
    for a, att in zip(ATTS, (self_att, cross_att)):
        att.set_weights([w for n in "qkv" for w in (p[a + "W" + n].reshape(d, h, -1), p[a + "b" + n].reshape(h, -1))]
                        + [p[a + "Wo"].reshape(h, -1, d), p[a + "bo"]])
    for i, ln in enumerate(lns, 1):
        ln.set_weights([p[f"g{i}"], p[f"be{i}"]])
    ff1.set_weights([p["W1"], p["b1"]])
    ff2.set_weights([p["W2"], p["b2"]])
    return model


def param_count(d, d_ff):
    return 2 * (4 * d * d + 4 * d) + (2 * d * d_ff + d_ff + d) + 6 * d


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
    p = init_decoder(d, d_ff, args.seed)
    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(2, 5, d)).astype(np.float32)          # 解码器一侧：2 个序列，各 5 个位置
    m = rng.normal(size=(2, 7, d)).astype(np.float32)          # 编码器的输出：7 个位置，第 2 个序列只有 4 个有效
    valid = [7, 4]
    mask = (np.arange(7)[None, None, :] < np.array(valid)[:, None, None]).repeat(5, 1)   # (B, T, S)

    for pre in (False, True):
        name = "前归一化" if pre else "后归一化"
        model = decoder_keras(p, d, h, d_ff, pre)
        ours = decoder_numpy(p, x, m, h, valid, pre)[0]
        diff = np.abs(ours - np.asarray(model([x, m, mask]))).max()
        print(f"{name}: NumPy 与 Keras 输出的最大差: {diff:.1e}")
        print(f"{name}: Keras 参数个数 {model.count_params()}，公式 {param_count(d, d_ff)}")
        print(f"{name}: 第 1 个序列第 1 个位置的输出（前 6 维）:", np.round(ours[0, 0, :6], 4))

    ours, A = decoder_numpy(p, x, m, h, valid)
    x2, m2 = x.copy(), m.copy()
    x2[:, 3:] = rng.normal(size=x2[:, 3:].shape)              # 改动解码器的第 4、5 个位置
    m2[1, 4:] = rng.normal(size=m2[1, 4:].shape)              # 改动第 2 个序列编码器一侧的填充位置
    later = np.abs(decoder_numpy(p, x2, m, h, valid)[0] - ours)[:, :3].max()
    padded = np.abs(decoder_numpy(p, x, m2, h, valid)[0] - ours).max()
    print(f"\n改动解码器第 4、5 个位置后前 3 个位置输出的变化: {later:.1e}")
    print(f"改动编码器填充位置后输出的变化: {padded:.1e}")
    print(f"交叉注意力权重 {A.shape}，第 2 个序列落在填充位置上的最大权重: {A[1, :, :, 4:].max():.1e}")


if __name__ == "__main__":
    main()
