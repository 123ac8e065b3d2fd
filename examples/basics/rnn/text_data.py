# env: main
"""序列数据：词元化（字与词）、词表、独热编码与嵌入、小批量的随机划分与顺序划分。

语料是 mmdl.text 里的 72 首唐诗（公有领域）。中文按字切分最简单；按词切分要用分词器（这里用 jieba）。
词表把每个词元映射成编号；独热向量乘以嵌入矩阵 W 就是取出 W 的一行，所以嵌入层（keras.layers.Embedding、
gluon.nn.Embedding）只是按编号查表。训练语言模型时把长序列切成长度为 num_steps 的片段：
随机划分每个小批量从随机位置取片段，顺序划分让相邻两个小批量的同一行首尾相接，隐状态可以接着传下去。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int
from mmdl.text import POEMS, build_vocab, encode, jieba_words, poem_split


def random_batches(seq, batch_size, num_steps, seed=0):
    """随机划分：随机丢掉开头 0…num_steps−1 个词元，切成不重叠的片段，打乱后每 batch_size 个一批。"""
    rng = np.random.default_rng(seed)
    seq = seq[rng.integers(num_steps):]
    starts = rng.permutation(np.arange(0, len(seq) - num_steps, num_steps))
    for i in range(0, len(starts) - batch_size + 1, batch_size):
        s = starts[i:i + batch_size]
        yield np.stack([seq[j:j + num_steps] for j in s]), np.stack([seq[j + 1:j + 1 + num_steps] for j in s])


def sequential_batches(seq, batch_size, num_steps, seed=0):
    """顺序划分：把序列平分成 batch_size 行，每次沿时间取 num_steps 列；第 i 批的每一行紧接第 i−1 批的同一行。"""
    offset = np.random.default_rng(seed).integers(num_steps)
    n = (len(seq) - offset - 1) // batch_size * batch_size
    X = seq[offset:offset + n].reshape(batch_size, -1)
    Y = seq[offset + 1:offset + 1 + n].reshape(batch_size, -1)
    for i in range(0, X.shape[1] - num_steps + 1, num_steps):
        yield X[:, i:i + num_steps], Y[:, i:i + num_steps]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    train, test = poem_split()
    title, author, poem = POEMS[0]
    print(f"语料: {len(POEMS)} 首诗，{sum(len(p) for _, _, p in POEMS)} 个字符（含标点）")
    print(f"训练集 {len(train)} 首、{sum(map(len, train))} 个字符；测试集 {len(test)} 首、{sum(map(len, test))} 个字符")
    print(f"\n《{title}》（{author}）按字切分:", list(poem[:12]))
    print("jieba 按词切分:", jieba_words(poem[:12]))
    sentence = "循环神经网络按时间顺序处理序列数据"
    print(f"jieba 切分现代汉语“{sentence}”:", jieba_words(sentence))
    words = {w for p in train for w in jieba_words(p)}
    print(f"训练集按字的词表大小: {len(build_vocab(train))}（含 <unk> 与结尾记号）")
    print(f"训练集按词的词表大小: {len(words)}")

    vocab = build_vocab(train)
    print("最常见的 10 个词元:", [repr(t) if t == "\n" else t for t in vocab[2:12]])
    test_ids = encode(test, vocab)
    print(f"测试集中训练时没见过的字（<unk>）所占比例: {np.mean(test_ids == 0):.3f}")

    ids = encode([poem], vocab)[:5]
    print(f"\n“{poem[:5]}”的编号:", ids.tolist())
    rng = np.random.default_rng(args.seed)
    W = rng.normal(size=(len(vocab), 4)).astype(np.float32)
    one_hot = np.eye(len(vocab))[ids]               # (5, V)，每行只有一个 1
    print(f"独热矩阵形状 {one_hot.shape}，独热 @ W 与 W[编号] 的最大差: {np.abs(one_hot @ W - W[ids]).max():.1e}")
    emb = keras.layers.Embedding(len(vocab), 4)
    emb.build((None,))
    emb.set_weights([W])
    print(f"keras.layers.Embedding 与 W[编号] 的最大差: {np.abs(np.asarray(emb(ids)) - W[ids]).max():.1e}")

    seq = np.arange(35)
    print("\n序列 0…34，批量大小 2，每段 5 步")
    print("随机划分（每批的 X）:")
    for X, _ in random_batches(seq, 2, 5, args.seed):
        print(" ", X.tolist())
    print("顺序划分（每批的 X）:")
    for X, Y in sequential_batches(seq, 2, 5, args.seed):
        print(" ", X.tolist(), " Y 的第一行:", Y[0].tolist())


if __name__ == "__main__":
    main()
