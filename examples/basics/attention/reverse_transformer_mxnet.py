# env: mxnet
"""Gluon 训练同一个倒序数字串的小 Transformer：因果自注意力、可学习的位置嵌入、贪心解码。

与 Keras 版相同的任务与结构（一个前归一化的块，2 个头，d = 32），注意力用 batch_dot 写成，
因果掩码是一个下三角矩阵：被遮住的分数换成 −10⁹ 再做 softmax。损失只算答案部分（样本权重）。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_int

SEP = 10


def make_data(n, length, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 10, (n, length))
    return np.concatenate([x, np.full((n, 1), SEP), x[:, ::-1]], axis=1)


class TinyDecoder(gluon.HybridBlock):
    def __init__(self, T, d=32, h=2, **kwargs):
        super().__init__(**kwargs)
        self.T, self.h, self.d = T, h, d
        self.tok, self.pos = gluon.nn.Embedding(11, d), gluon.nn.Embedding(T, d)
        self.qkv = gluon.nn.Dense(3 * d, flatten=False)
        self.o = gluon.nn.Dense(d, flatten=False)
        self.ff1, self.ff2 = gluon.nn.Dense(2 * d, "relu", flatten=False), gluon.nn.Dense(d, flatten=False)
        self.ln1, self.ln2, self.ln3 = gluon.nn.LayerNorm(), gluon.nn.LayerNorm(), gluon.nn.LayerNorm()
        self.out = gluon.nn.Dense(11, flatten=False)

    def hybrid_forward(self, F, tokens):
        pos = F.arange(self.T)
        x = F.broadcast_add(self.tok(tokens), self.pos(pos).expand_dims(0))
        q, k, v = F.split(self.qkv(self.ln1(x)), num_outputs=3, axis=-1)
        heads = lambda z: z.reshape((0, 0, self.h, -1)).transpose((0, 2, 1, 3)).reshape((-3, 0, 0))  # noqa: E731
        s = F.batch_dot(heads(q), heads(k), transpose_b=True) / np.sqrt(self.d // self.h)
        causal = F.broadcast_lesser_equal(pos.reshape((1, -1)), pos.reshape((-1, 1)))   # (T, T) 下三角
        s = F.broadcast_add(F.broadcast_mul(s, causal.expand_dims(0)), (causal.expand_dims(0) - 1) * 1e9)
        a = F.batch_dot(F.softmax(s, axis=-1), heads(v))
        x = x + self.o(a.reshape((-4, -1, self.h, 0, 0)).transpose((0, 2, 1, 3)).reshape((0, 0, -1)))
        x = x + self.ff2(self.ff1(self.ln2(x)))
        return self.out(self.ln3(x))


def greedy_decode(net, x, length):
    seq = np.zeros((len(x), 2 * length), dtype="int64")
    seq[:, :length], seq[:, length] = x, SEP
    for t in range(length, 2 * length):
        nxt = net(nd.array(seq)).asnumpy()[:, t].argmax(-1)
        if t + 1 < 2 * length:
            seq[:, t + 1] = nxt
    return np.concatenate([seq[:, length + 1:], nxt[:, None]], axis=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=positive_int, default=6, help="数字串长度")
    parser.add_argument("--epochs", type=positive_int, default=2, help="训练轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    mx.random.seed(args.seed)
    n = args.length
    train, test = make_data(2500, n, args.seed), make_data(500, n, args.seed + 1)
    net = TinyDecoder(2 * n)
    net.initialize(mx.init.Xavier())
    net.hybridize()
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": 3e-3})
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    weight = nd.array((np.arange(2 * n) >= n).astype(np.float32)).reshape((1, -1))   # 只在预测 y 的位置计损失
    rng, losses = np.random.default_rng(args.seed), []
    for _ in range(args.epochs):
        order, total = rng.permutation(len(train)), 0.0
        for i in range(0, len(train), 64):
            batch = train[order[i:i + 64]]
            X, Y = nd.array(batch[:, :-1]), nd.array(batch[:, 1:])
            with autograd.record():
                loss = 2 * loss_fn(net(X), Y, weight.expand_dims(-1))     # 对 2n 个位置取平均，×2 即答案部分的平均
            loss.backward()
            trainer.step(len(batch))
            total += loss.sum().asscalar()
        losses.append(total / len(train))
    print(f"参数个数: {sum(p.data().size for p in net.collect_params().values())}")
    print("每轮的训练损失:", " ".join(f"{v:.3f}" for v in losses))
    pred, target = greedy_decode(net, test[:, :n], n), test[:, n + 1:]
    print(f"贪心解码的逐位准确率: {np.mean(pred == target):.4f}")
    print(f"贪心解码的整串准确率: {np.mean(np.all(pred == target, axis=1)):.4f}")
    for i in range(3):
        print("  输入", "".join(map(str, test[i, :n])), "→ 输出", "".join(map(str, pred[i])))


if __name__ == "__main__":
    main()
