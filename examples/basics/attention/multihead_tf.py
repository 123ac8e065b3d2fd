# env: main
"""多头注意力：NumPy 从零实现，与 keras.layers.MultiHeadAttention 装入同样的权重后逐元素相同。

h 个头各用自己的投影 W_q、W_k、W_v 把输入映射到 d_k 维，分别做缩放点积注意力，输出拼接后再乘 W_o。
Keras 把同一件事存成 8 个数组：query/key/value 的核形状 (d_model, h, d_k)、偏置 (h, d_k)，
输出核 (h, d_k, d_model)、偏置 (d_model,)。NumPy 版用二维矩阵 (d_model, h·d_k)，reshape 即可互换。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def masked_softmax(scores, mask=None):
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def init_mha(d_model, h, d_k, seed=0):
    """NumPy 参数：Wq、Wk、Wv 为 (d_model, h·d_k)，Wo 为 (h·d_k, d_model)，各带偏置。"""
    rng = np.random.default_rng(seed)
    p = {}
    for name, shape in (("q", (d_model, h * d_k)), ("k", (d_model, h * d_k)), ("v", (d_model, h * d_k)),
                        ("o", (h * d_k, d_model))):
        p["W" + name] = rng.normal(0, 1 / np.sqrt(shape[0]), shape).astype(np.float32)
        p["b" + name] = rng.normal(0, 0.1, shape[1]).astype(np.float32)
    return p


def split_heads(X, h):
    """(B, T, h·d_k) → (B, h, T, d_k)。"""
    B, T, D = X.shape
    return X.reshape(B, T, h, D // h).transpose(0, 2, 1, 3)


def mha_numpy(p, Xq, Xkv, h, mask=None):
    """返回输出 (B, T, d_model) 与各头的注意力权重 (B, h, T, S)；mask 形状 (B, T, S)，True 表示可见。"""
    Q, K, V = (split_heads(X @ p["W" + n] + p["b" + n], h) for X, n in ((Xq, "q"), (Xkv, "k"), (Xkv, "v")))
    scores = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(Q.shape[-1])
    A = masked_softmax(scores, None if mask is None else mask[:, None])
    heads = (A @ V).transpose(0, 2, 1, 3).reshape(Xq.shape[0], Xq.shape[1], -1)   # 拼接各头
    return heads @ p["Wo"] + p["bo"], A


def to_keras(p, h, d_k):
    """NumPy 参数 → Keras MultiHeadAttention.set_weights 的 8 个数组（按 query、key、value、output）。"""
    d_model = p["Wq"].shape[0]
    w = []
    for n in "qkv":
        w += [p["W" + n].reshape(d_model, h, d_k), p["b" + n].reshape(h, d_k)]
    return w + [p["Wo"].reshape(h, d_k, d_model), p["bo"]]


def mha_keras(p, Xq, Xkv, h, d_k, mask=None):
    layer = keras.layers.MultiHeadAttention(num_heads=h, key_dim=d_k)
    layer(Xq, Xkv)                                   # 先调用一次，建立权重
    layer.set_weights(to_keras(p, h, d_k))
    out, A = layer(Xq, Xkv, attention_mask=mask, return_attention_scores=True)
    return np.asarray(out), np.asarray(A), layer


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heads", type=positive_int, default=4, help="头数 h")
    parser.add_argument("--key-dim", type=positive_int, default=8, help="每个头的维数 d_k")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    h, d_k, d_model = args.heads, args.key_dim, 16
    rng = np.random.default_rng(args.seed)
    p = init_mha(d_model, h, d_k, args.seed)
    X = rng.normal(size=(2, 5, d_model)).astype(np.float32)     # 自注意力：查询、键、值都来自 X
    M = rng.normal(size=(2, 7, d_model)).astype(np.float32)     # 交叉注意力：键、值来自另一个序列

    _, _, layer = mha_keras(p, X, X, h, d_k)
    print("Keras 的权重形状:")
    for var, arr in zip(layer.weights, to_keras(p, h, d_k)):
        print(f"  {var.path.split('/', 1)[1]:<24s} {tuple(var.shape)}  ← NumPy {arr.shape}")
    print(f"参数个数: {layer.count_params()}，公式 4·d_model·h·d_k + 3·h·d_k + d_model = "
          f"{4 * d_model * h * d_k + 3 * h * d_k + d_model}")

    causal = np.tril(np.ones((5, 5), bool))[None].repeat(2, 0)
    valid = np.arange(7)[None, None, :] < np.array([7, 4])[:, None, None]
    cases = {"自注意力": (X, X, None), "因果自注意力": (X, X, causal), "带填充掩码的交叉注意力": (X, M, valid.repeat(5, 1))}
    for name, (q, kv, mask) in cases.items():
        ours, A = mha_numpy(p, q, kv, h, mask)
        theirs, A_k, _ = mha_keras(p, q, kv, h, d_k, mask)
        print(f"\n{name}: 输出 {ours.shape}，权重 {A.shape}")
        print(f"  NumPy 与 Keras 输出的最大差: {np.abs(ours - theirs).max():.1e}")
        print(f"  NumPy 与 Keras 权重的最大差: {np.abs(A - A_k).max():.1e}")
    print("\n第 1 个序列因果自注意力的输出（前 4 维）:")
    print(np.round(mha_numpy(p, X, X, h, causal)[0][0, :, :4], 4))


if __name__ == "__main__":
    main()
