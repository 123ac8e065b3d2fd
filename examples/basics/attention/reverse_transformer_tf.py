# env: main
"""训练一个小 Transformer 把数字串倒过来：因果自注意力、逐个生成（贪心解码）、注意力热力图。

序列写成 “x₁…x_n 分隔符 y₁…y_n”，y 是 x 的倒序；模型只有解码器（因果掩码），
按“预测下一个词元”训练，损失只算 y 的部分。生成时从 “x 分隔符” 开始，每步取概率最大的词元接在后面。
答案完全可以检查：整串全对才算对。学会之后，生成 y_i 的位置应该把注意力放在 x_{n+1-i} 上。
"""
import argparse

import keras
import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

SEP = 10


def make_data(n, length, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 10, (n, length))
    return np.concatenate([x, np.full((n, 1), SEP), x[:, ::-1]], axis=1)


class PositionEmbedding(keras.layers.Layer):
    """可学习的位置嵌入：每个位置一个 d 维向量，加在词元嵌入上。"""

    def build(self, input_shape):
        self.table = self.add_weight(shape=tuple(input_shape[1:]), initializer="uniform", name="table")

    def call(self, x):
        return x + self.table


def build_model(length, d=32, heads=2, layers=1, seed=0):
    """词元嵌入 + 可学习的位置嵌入，前归一化的因果 Transformer 块，最后一层输出 11 个词元的 logits。"""
    keras.utils.set_random_seed(seed)
    T = 2 * length
    tok = keras.Input((T,), dtype="int32")
    x = PositionEmbedding()(keras.layers.Embedding(11, d)(tok))
    scores = []
    for _ in range(layers):
        z = keras.layers.LayerNormalization()(x)
        a, s = keras.layers.MultiHeadAttention(heads, d // heads)(z, z, use_causal_mask=True,
                                                                  return_attention_scores=True)
        x = x + a
        z = keras.layers.LayerNormalization()(x)
        x = x + keras.layers.Dense(d)(keras.layers.Dense(2 * d, activation="relu")(z))
        scores.append(s)
    logits = keras.layers.Dense(11)(keras.layers.LayerNormalization()(x))
    return keras.Model(tok, logits), keras.Model(tok, scores)


def greedy_decode(model, x, length):
    """从 “x 分隔符” 开始逐个生成 length 个词元；还没生成的位置先填 0（因果掩码保证看不到它们）。"""
    seq = np.zeros((len(x), 2 * length), dtype="int32")
    seq[:, :length], seq[:, length] = x, SEP
    for t in range(length, 2 * length - 1):
        seq[:, t + 1] = np.argmax(model.predict_on_batch(seq)[:, t], axis=-1)
    logits = model.predict_on_batch(seq)
    return np.concatenate([seq[:, length + 1:], np.argmax(logits[:, -1:], -1)], axis=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=positive_int, default=6, help="数字串长度")
    parser.add_argument("--epochs", type=positive_int, default=2, help="训练轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    n = args.length
    train, test = make_data(2500, n, args.seed), make_data(500, n, args.seed + 1)
    model, attn = build_model(n, seed=args.seed)
    weights = np.zeros((1, 2 * n))
    weights[:, n:] = 1.0                                   # 只在预测 y 的位置计损失
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    print(f"参数个数: {model.count_params()}")
    hist = model.fit(train[:, :-1], train[:, 1:], sample_weight=np.repeat(weights, len(train), 0),
                     batch_size=64, epochs=args.epochs, verbose=0, shuffle=True)
    print("每轮的训练损失:", " ".join(f"{v:.3f}" for v in hist.history["loss"]))

    pred = greedy_decode(model, test[:, :n], n)
    target = test[:, n + 1:]
    print(f"贪心解码的逐位准确率: {np.mean(pred == target):.4f}")
    print(f"贪心解码的整串准确率: {np.mean(np.all(pred == target, axis=1)):.4f}")
    for i in range(3):
        print("  输入", "".join(map(str, test[i, :n])), "→ 输出", "".join(map(str, pred[i])))

    scores = attn.predict_on_batch(test[:, :-1])
    A_all = np.asarray(scores[-1] if isinstance(scores, list) else scores).mean(1)   # 各头平均
    rows = np.arange(n, 2 * n)                             # 这些位置预测 y₁…y_n
    hit = np.mean(np.argmax(A_all[:, rows], axis=2) == n - 1 - np.arange(n))
    A = A_all[0]
    print(f"预测 y_i 的位置注意力最大处恰是 x_(n+1-i) 的比例: {hit:.2f}")
    labels = [str(t) if t < 10 else "|" for t in test[0, :-1]]
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    im = ax.imshow(A, cmap="viridis")
    ax.set_xticks(range(2 * n), labels)
    ax.set_yticks(range(2 * n), labels)
    ax.set(xlabel="被关注的位置（键）", ylabel="当前位置（查询）", title="训练后的注意力权重（各头平均）")
    fig.colorbar(im, ax=ax)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
