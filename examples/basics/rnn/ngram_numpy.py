# env: main
"""n 元语法语言模型与困惑度：按字计数、加 k 平滑，困惑度 = exp(平均交叉熵)。

n 元语法假设下一个词元只取决于前 n−1 个：P(x_t | x_{t-n+1}, …, x_{t-1}) ≈ (c(上下文, x_t) + k) / (c(上下文) + k·V)，
c 是训练集里的出现次数，k > 0 让没见过的组合也有一点概率。困惑度是测试序列上平均负对数似然的指数：
  PPL = exp(−(1/N) Σ_t ln P(x_t | 前文))，
也就是交叉熵（以 e 为底）的指数；均匀地猜 V 个词元时 PPL = V，完美的模型 PPL = 1。
"""
import argparse
from collections import Counter, defaultdict

import numpy as np

from mmdl.cli import positive_float
from mmdl.text import build_vocab, encode, poem_split

PUNCT = ("，", "。")


class NGram:
    """加 k 平滑的 n 元语法模型；序列开头用结尾记号（编号 1）补足上下文。"""

    def __init__(self, n, vocab_size, k=0.1):
        self.n, self.V, self.k = n, vocab_size, k
        self.next = defaultdict(Counter)         # 上下文 → 它后面各词元的出现次数

    def contexts(self, seq):
        padded = [1] * (self.n - 1) + list(seq)
        return [tuple(padded[t:t + self.n - 1]) for t in range(len(seq))]

    def fit(self, seq):
        for ctx, x in zip(self.contexts(seq), seq):
            self.next[ctx][int(x)] += 1
        return self

    def probs(self, ctx):
        """给定上下文时整个词表上的分布（一个长度 V 的数组，和为 1）。"""
        p = np.full(self.V, self.k)
        counts = self.next.get(ctx, {})
        for x, c in counts.items():
            p[x] += c
        return p / (sum(counts.values()) + self.k * self.V)

    def log_likelihoods(self, seq):
        return np.array([np.log(self.probs(ctx)[x]) for ctx, x in zip(self.contexts(seq), seq)])


def perplexity(log_probs):
    """PPL = exp(平均负对数似然)。"""
    return float(np.exp(-np.mean(log_probs)))


def punctuation_accuracy(predict, seq, vocab):
    """测试序列里下一个字是标点的位置上，模型概率最大的词元恰好是那个标点的比例。"""
    punct = [vocab.index(p) for p in PUNCT]
    hits = [int(np.argmax(p)) == x for p, x in zip(predict(seq), seq) if x in punct]
    return float(np.mean(hits))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=positive_float, default=0.01, help="加 k 平滑的 k")
    args = parser.parse_args(argv)
    train, test = poem_split()
    vocab = build_vocab(train)
    tr, te = encode(train, vocab), encode(test, vocab)
    V = len(vocab)
    print(f"词表大小 V = {V}，训练集 {len(tr)} 个词元，测试集 {len(te)} 个词元")
    print(f"均匀分布的困惑度: {perplexity(np.full(len(te), -np.log(V))):.1f}")
    print(f"\n加 k 平滑（k = {args.k}）:")
    for n in (1, 2, 3):
        model = NGram(n, V, args.k).fit(tr)
        ll_tr, ll_te = model.log_likelihoods(tr), model.log_likelihoods(te)
        ce = -np.mean(ll_te)
        acc = punctuation_accuracy(lambda s: [model.probs(c) for c in model.contexts(s)], te, vocab)  # noqa: B023
        print(f"{n} 元语法：训练集困惑度 {perplexity(ll_tr):7.1f}，测试集交叉熵 {ce:.4f} 奈特 = "
              f"{ce / np.log(2):.4f} 比特，测试集困惑度 exp({ce:.4f}) = {perplexity(ll_te):7.1f}，"
              f"标点位置的预测准确率 {acc:.3f}")
    seen = NGram(2, V, args.k).fit(tr)
    seen_pairs = [seen.next.get(c, {}).get(int(x), 0) > 0 for c, x in zip(seen.contexts(te), te)]
    print(f"\n测试集的二元组在训练集里出现过的比例: {np.mean(seen_pairs):.3f}")


if __name__ == "__main__":
    main()
