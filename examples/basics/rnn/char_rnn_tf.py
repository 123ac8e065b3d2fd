# env: main
"""字符级循环神经网络语言模型（Keras）：SimpleRNN + Dense，顺序划分、截断 BPTT、Adam 与梯度裁剪。

与 NumPy 版是同一个模型、同样的初始权重、同样的小批量与超参数：keras.layers.SimpleRNN 的 kernel 是 W_xh，
recurrent_kernel 是 W_hh；框架的循环层读入的是向量，所以先把编号变成独热向量（乘 W_xh 就是取一行）。
每批最后的隐状态作为下一批的 initial_state 传下去；它是上一步算好的张量，梯度不会穿过它（截断 BPTT）。
裁剪用优化器的 global_clipnorm=θ，与先 tf.clip_by_global_norm 再更新相同。
"""
import argparse

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.text import build_vocab, encode, poem_split


def init_params(V, H, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 0.01, (V, H)), rng.normal(0, 1 / np.sqrt(H), (H, H)), np.zeros(H),
            rng.normal(0, 0.01, (H, V)), np.zeros(V)]


def sequential_batches(seq, batch_size, num_steps):
    n = (len(seq) - 1) // batch_size * batch_size
    X, Y = seq[:n].reshape(batch_size, -1), seq[1:n + 1].reshape(batch_size, -1)
    for i in range(0, X.shape[1] - num_steps + 1, num_steps):
        yield X[:, i:i + num_steps], Y[:, i:i + num_steps]


class CharRNN(keras.Model):
    """编号 (n, T) → 独热 → SimpleRNN → Dense；返回各步的输出（未经 softmax）与最后的隐状态。"""

    def __init__(self, V, H, params):
        super().__init__()
        self.V, self.H = V, H
        self.rnn = keras.layers.SimpleRNN(H, return_sequences=True, return_state=True)
        self.out = keras.layers.Dense(V)
        self.rnn.build((None, None, V))
        self.out.build((None, None, H))
        self.rnn.set_weights([p.astype("float32") for p in params[:3]])
        self.out.set_weights([p.astype("float32") for p in params[3:]])

    @tf.function(reduce_retracing=True)
    def call(self, X, h):
        seq, h = self.rnn(tf.one_hot(X, self.V), initial_state=h)
        return self.out(seq), h


def train(model, seq, test, epochs, lr, theta, batch_size=8, num_steps=24):
    """返回每轮的 (训练集困惑度, 测试集困惑度)。"""
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    opt = keras.optimizers.Adam(learning_rate=lr, global_clipnorm=theta)

    @tf.function
    def step(X, Y, h):
        with tf.GradientTape() as tape:
            logits, h = model(X, h)
            loss = loss_fn(Y, logits)
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        return loss, h

    history = []
    for _ in range(epochs):
        h, losses = tf.zeros((batch_size, model.H)), []
        for X, Y in sequential_batches(seq, batch_size, num_steps):
            loss, h = step(tf.constant(X), tf.constant(Y), h)
            losses.append(float(loss))
        history.append((np.exp(np.mean(losses)), np.exp(-np.mean(predict(model, test)[1]))))
    return np.array(history)


def predict(model, seq):
    """整段序列作为一行、从零隐状态开始：每个位置对下一个字的分布与真实下一个字的对数概率。"""
    logits, _ = model(tf.constant(seq[None, :-1]), tf.zeros((1, model.H)))
    P = tf.nn.softmax(logits[0]).numpy().astype(np.float64)
    return P, np.log(P[np.arange(len(seq) - 1), seq[1:]])


def generate(model, vocab, prefix, length, rng):
    """先读入前缀，再按模型的分布逐字采样，遇到结尾记号停止。"""
    h, out = tf.zeros((1, model.H)), list(prefix)
    x = [vocab.index(c) for c in prefix]
    for _ in range(length):
        logits, h = model(tf.constant([x]), h)
        p = tf.nn.softmax(logits[0, -1]).numpy().astype(np.float64)
        x = [int(rng.choice(len(vocab), p=p / p.sum()))]
        if vocab[x[0]] == "\n":
            break
        out.append(vocab[x[0]])
    return "".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元个数")
    parser.add_argument("--lr", type=positive_float, default=0.01, help="Adam 的学习率")
    parser.add_argument("--theta", type=positive_float, default=1.0, help="梯度裁剪的阈值 θ")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(args.seed)
    train_texts, test_texts = poem_split()
    vocab = build_vocab(train_texts)
    tr, te = encode(train_texts, vocab), encode(test_texts, vocab)
    model = CharRNN(len(vocab), args.hidden, init_params(len(vocab), args.hidden, args.seed))
    hist = train(model, tr, te, args.epochs, args.lr, args.theta)
    best = int(np.argmin(hist[:, 1]))
    print(f"Keras：Adam（学习率 {args.lr:g}，global_clipnorm = {args.theta:g}）")
    print(f"训练集困惑度: 第 1 轮 {hist[0, 0]:.1f}，最后一轮 {hist[-1, 0]:.1f}")
    print(f"测试集困惑度: 最低 {hist[best, 1]:.1f}（第 {best + 1} 轮），最后一轮 {hist[-1, 1]:.1f}")
    P, _ = predict(model, te)
    punct = np.isin(te[1:], [vocab.index("，"), vocab.index("。")])
    print(f"测试集上标点位置的预测准确率: {np.mean(P.argmax(axis=1)[punct] == te[1:][punct]):.3f}")
    rng = np.random.default_rng(args.seed)
    print("\n生成（读入两个字，再按模型的分布逐字采样）:")
    for prefix in ("明月", "春风", "孤舟"):
        print(" ", generate(model, vocab, prefix, 40, rng))
    fig, ax = plt.subplots(figsize=(5.5, 4), layout="constrained")
    ax.semilogy(np.arange(1, len(hist) + 1), hist[:, 0], label="训练集")
    ax.semilogy(np.arange(1, len(hist) + 1), hist[:, 1], "--", label="测试集")
    ax.set(title="Keras：困惑度", xlabel="轮数", ylabel="困惑度（对数坐标）")
    ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
