# env: mxnet
"""MXNet Gluon 实现多层感知机：64 → 64（ReLU）→ 10，小批量 SGD，识别手写数字。

网络用 gluon.nn.Sequential 搭建，autograd 记录前向计算并求梯度，gluon.Trainer 更新参数。
为了与 NumPy、Keras 版本逐步对照，初始权重由 NumPy 生成后用 set_data 装入
（Gluon 的 Dense 权重形状是 (输出, 输入)，所以要转置），小批量顺序也由 NumPy 生成。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def load_data(seed=0):
    """手写数字：像素缩放到 [0, 1]，按类别分层划分 75% 训练、25% 测试，转成 float32。"""
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=seed, scale="unit")
    return X_tr.astype(np.float32), X_te.astype(np.float32), y_tr, y_te


def init_params(sizes=(64, 64, 10), seed=0):
    """He 初始化：W ~ N(0, 2/输入维数)，偏置为 0。返回 [W1, b1, W2, b2]。"""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append(rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, dtype=np.float32))
    return params


def minibatches(n, batch_size, epoch, seed=0):
    """第 epoch 轮的小批量下标：每轮用 (seed, epoch) 重新打乱一次。"""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def build_net(seed=0):
    net = gluon.nn.Sequential()
    net.add(gluon.nn.Dense(64, activation="relu", in_units=64),
            gluon.nn.Dense(10, in_units=64))     # 输出 logits
    net.initialize()
    W1, b1, W2, b2 = init_params(seed=seed)
    for layer, (W, b) in zip(net, ((W1, b1), (W2, b2))):
        layer.weight.set_data(nd.array(W.T))
        layer.bias.set_data(nd.array(b))
    return net


def train(X, y, epochs=20, batch_size=32, lr=0.1, seed=0):
    """返回 (网络, 每轮结束时在整个训练集上的损失)。"""
    net = build_net(seed)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()   # softmax 与交叉熵合并计算
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    X_all, y_all = nd.array(X), nd.array(y)
    history = []
    for epoch in range(epochs):
        for idx in minibatches(len(X), batch_size, epoch, seed):
            xb, yb = nd.array(X[idx]), nd.array(y[idx])
            with autograd.record():
                loss = loss_fn(net(xb), yb)      # 每个样本一个损失
            loss.backward()                      # 对批内求和后求梯度
            trainer.step(len(idx))               # 除以批量大小，即平均损失的梯度
        history.append(loss_fn(net(X_all), y_all).mean().asscalar())
    return net, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    args = parser.parse_args(argv)

    mx.random.seed(args.seed)
    X_tr, X_te, y_tr, y_te = load_data(args.seed)
    net, history = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    pred = net(nd.array(X_te)).argmax(axis=1).asnumpy()
    print(f"训练损失: {history[-1]:.6f}")
    print(f"测试准确率: {(pred == y_te).mean():.4f}")


if __name__ == "__main__":
    main()
