# env: main
"""Transformer 编码器块：自注意力 + 前馈网络，各带残差连接与层归一化；NumPy 从零实现 = Keras 搭的同一个块。

后归一化（原论文）：x ← LN(x + MHA(x))，x ← LN(x + FFN(x))。
前归一化（GPT-2 以后的常见做法）：x ← x + MHA(LN(x))，x ← x + FFN(LN(x))，残差这条路上没有任何变换。
层归一化对每个位置的 d 个分量求均值与方差（与批量无关），再乘 γ、加 β。
参数个数：注意力 4d² + 4d，前馈 2·d·d_ff + d_ff + d，两个层归一化 4d。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

EPS = 1e-5


def layer_norm(x, gamma, beta):
    mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + EPS) + beta


def mha(p, x, h, mask=None):
    B, T, d = x.shape
    Q, K, V = ((x @ p["W" + n] + p["b" + n]).reshape(B, T, h, -1).transpose(0, 2, 1, 3) for n in "qkv")
    s = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -1e9)
    A = np.exp(s - s.max(-1, keepdims=True))
    A /= A.sum(-1, keepdims=True)
    return (A @ V).transpose(0, 2, 1, 3).reshape(B, T, d) @ p["Wo"] + p["bo"]


def block_numpy(p, x, h, pre_norm=False, mask=None):
    ffn = lambda z: np.maximum(z @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]  # noqa: E731
    ln1 = lambda z: layer_norm(z, p["g1"], p["be1"])  # noqa: E731
    ln2 = lambda z: layer_norm(z, p["g2"], p["be2"])  # noqa: E731
    if pre_norm:
        x = x + mha(p, ln1(x), h, mask)
        return x + ffn(ln2(x))
    x = ln1(x + mha(p, x, h, mask))
    return ln2(x + ffn(x))


def init_block(d, d_ff, seed=0):
    rng = np.random.default_rng(seed)
    r = lambda *s: rng.normal(0, 1 / np.sqrt(s[0]) if len(s) > 1 else 0.1, s).astype(np.float32)  # noqa: E731
    p = {f"{w}{n}": r(d, d) if w == "W" else r(d) for n in "qkvo" for w in "Wb"}
    p.update(W1=r(d, d_ff), b1=r(d_ff), W2=r(d_ff, d), b2=r(d), g1=1 + r(d), be1=r(d), g2=1 + r(d), be2=r(d))
    return p


def block_keras(p, d, h, d_ff, pre_norm=False):
    """用 Keras 层搭同一个块，并装入 NumPy 的参数（注意力核的布局见多头注意力一节）。"""
    x_in = keras.Input((None, d))
    att = keras.layers.MultiHeadAttention(h, d // h)
    ln1, ln2 = (keras.layers.LayerNormalization(epsilon=EPS) for _ in range(2))
    ff1, ff2 = keras.layers.Dense(d_ff, activation="relu"), keras.layers.Dense(d)
    if pre_norm:
        z = ln1(x_in)
        x = x_in + att(z, z)
        y = x + ff2(ff1(ln2(x)))
    else:
        x = ln1(x_in + att(x_in, x_in))
        y = ln2(x + ff2(ff1(x)))
    model = keras.Model(x_in, y)
    att.set_weights([a for n in "qkv" for a in (p["W" + n].reshape(d, h, -1), p["b" + n].reshape(h, -1))]
                    + [p["Wo"].reshape(h, -1, d), p["bo"]])
    ln1.set_weights([p["g1"], p["be1"]])
    ln2.set_weights([p["g2"], p["be2"]])
    ff1.set_weights([p["W1"], p["b1"]])
    ff2.set_weights([p["W2"], p["b2"]])
    return model


def param_count(d, d_ff):
    return (4 * d * d + 4 * d) + (2 * d * d_ff + d_ff + d) + 4 * d


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
    p = init_block(d, d_ff, args.seed)
    x = np.random.default_rng(args.seed).normal(size=(2, 6, d)).astype(np.float32)

    for pre in (False, True):
        name = "前归一化" if pre else "后归一化"
        model = block_keras(p, d, h, d_ff, pre)
        ours, theirs = block_numpy(p, x, h, pre), np.asarray(model(x))
        print(f"{name}: NumPy 与 Keras 输出的最大差: {np.abs(ours - theirs).max():.1e}")
        print(f"{name}: Keras 参数个数 {model.count_params()}，公式 {param_count(d, d_ff)}")
        print(f"{name}: 第 1 个序列第 1 个位置的输出（前 6 维）:", np.round(ours[0, 0, :6], 4))
    print(f"两种顺序的输出最大差: {np.abs(block_numpy(p, x, h, False) - block_numpy(p, x, h, True)).max():.2f}")

    ln = layer_norm(x, np.ones(d), np.zeros(d))
    print(f"层归一化后每个位置的均值最大绝对值: {np.abs(ln.mean(-1)).max():.1e}，方差与 1 的最大差: "
          f"{np.abs(ln.var(-1) - 1).max():.1e}")
    print(f"\n6 个块叠起来，各块输出的平均范数（√d = {np.sqrt(d):.2f}）:")
    for pre in (False, True):
        z, norms = x, []
        for layer in range(6):
            z = block_numpy(init_block(d, d_ff, args.seed + layer), z, h, pre)
            norms.append(np.linalg.norm(z, axis=-1).mean())
        print(f"  {'前归一化' if pre else '后归一化'}:", " ".join(f"{v:.2f}" for v in norms))


if __name__ == "__main__":
    main()
