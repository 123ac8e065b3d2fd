# env: main
"""缩放点积注意力与掩码 softmax：从零实现，验证除以 √d 的理由。

注意力 = 用查询 q 与每个键 k 的相似度 q·k/√d 经 softmax 得到权重，再对值 v 加权平均。
掩码把不该看的位置（填充出来的位置、因果注意力里的“未来”）的分数设成 −∞，softmax 后权重恰为 0。
q、k 的各分量独立、均值 0、方差 1 时，q·k 的方差是 d：不除以 √d，d 越大 softmax 越接近独热，梯度越小。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int


def masked_softmax(scores, mask=None):
    """沿最后一维做 softmax；mask 为 True 的位置保留，False 的位置权重为 0（整行被遮住时全为 0）。"""
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    top = np.max(scores, axis=-1, keepdims=True)
    e = np.exp(scores - np.where(np.isfinite(top), top, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


def padding_mask(valid_lens, n_keys):
    """(批量,) 的有效长度 → (批量, 1, 键数) 的布尔掩码：第 b 个序列只有前 valid_lens[b] 个键有效。"""
    return (np.arange(n_keys)[None, :] < np.asarray(valid_lens)[:, None])[:, None, :]


def causal_mask(n):
    """(n, n) 下三角掩码：位置 i 只能看位置 0…i。"""
    return np.tril(np.ones((n, n), dtype=bool))


def attention(Q, K, V, mask=None):
    """缩放点积注意力：Q (…, m, d)、K (…, n, d)、V (…, n, d_v) → 输出 (…, m, d_v) 与权重 (…, m, n)。"""
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    weights = masked_softmax(scores, mask)
    return weights @ V, weights


def dot_stats(d, n_keys=10, trials=4000, seed=0, scale=True):
    """随机 q、k（分量 ~ N(0,1)）：q·k 的样本方差，以及 softmax 权重最大值的平均（越接近 1 越像独热）。"""
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(trials, 1, d))
    k = rng.normal(size=(trials, n_keys, d))
    s = (q @ np.swapaxes(k, -1, -2))[:, 0, :]
    w = masked_softmax(s / np.sqrt(d) if scale else s)
    return s.var(), w.max(axis=-1).mean()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    np.set_printoptions(precision=3, suppress=True)

    Q, K, V = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 2))
    out, w = attention(Q, K, V)
    print("输出形状:", out.shape, "权重形状:", w.shape)
    print(f"每行权重之和的最大偏差: {np.abs(w.sum(-1) - 1).max():.1e}")

    valid = [2, 4]
    out, w = attention(Q, K, V, padding_mask(valid, 5))
    print("\n有效长度", valid, "时第 1 个序列的权重（后 3 列是填充）:\n", w[0])
    print(f"填充位置上的最大权重: {max(w[b, :, n:].max() for b, n in enumerate(valid)):.1f}")
    V_noise = V.copy()
    V_noise[0, 2:] += 100.0                               # 改动填充位置的值，输出不变
    changed = np.abs(attention(Q, K, V_noise, padding_mask(valid, 5))[0][0] - out[0]).max()
    print(f"改动填充位置的值后输出的变化: {changed:.1e}")

    X = rng.normal(size=(4, 4))
    _, w = attention(X, X, X, causal_mask(4))
    print("\n因果掩码下的自注意力权重（上三角为 0）:\n", w)
    X2 = X.copy()
    X2[3] += 5.0                                         # 改动最后一个位置，前面的输出不变
    a, b = attention(X, X, X, causal_mask(4))[0], attention(X2, X2, X2, causal_mask(4))[0]
    print(f"改动第 4 个位置后前 3 个输出的变化: {np.abs(a[:3] - b[:3]).max():.1e}")

    print("\n维数 d    q·k 的方差    不缩放时最大权重    除以 √d 后最大权重")
    for d in (4, 16, 64, 256):
        var, peak = dot_stats(d, seed=args.seed, scale=False)
        _, peak_s = dot_stats(d, seed=args.seed)
        print(f"d={d:<4d}  方差 {var:8.2f}    {peak:.3f}              {peak_s:.3f}")


if __name__ == "__main__":
    main()
