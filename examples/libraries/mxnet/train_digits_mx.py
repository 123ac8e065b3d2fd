# env: mxnet
"""完整的 Gluon 训练循环：在 scikit-learn 自带的手写数字数据上训练一个多层感知机。

一个训练循环由五部分组成：数据（Dataset + DataLoader 分批打乱）、模型、损失函数、
优化器（Trainer），以及“前向 → 求损失 → backward → step”的循环。每轮结束后在
测试集上评估准确率，最后画出训练曲线。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as onp
import mxnet as mx
from mxnet import autograd, gluon, init, np, npx
from mxnet.gluon import nn

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split

npx.set_np()


def load_data(seed=0):
    """8×8 数字图像展平为 64 维，像素 0–16 缩放到 0–1，按 3:1 划分训练/测试集。"""
    x_train, x_test, y_train, y_test = load_digits_split(seed=seed, scale="unit")
    f32, i32 = onp.float32, onp.int32
    return x_train.astype(f32), x_test.astype(f32), y_train.astype(i32), y_test.astype(i32)


def build_net(hidden=64):
    net = nn.HybridSequential()
    net.add(nn.Dense(hidden, activation="relu"), nn.Dense(10))
    return net


def accuracy(net, x, y):
    pred = net(np.array(x)).argmax(axis=1).asnumpy()
    return float((pred == y).mean())


def train(epochs=10, batch_size=32, lr=0.01, seed=0):
    """训练并返回 (网络, 每轮平均损失, 每轮训练准确率, 每轮测试准确率)。"""
    mx.random.seed(seed)
    onp.random.seed(seed)                    # DataLoader 用 NumPy 的全局随机数打乱
    x_train, x_test, y_train, y_test = load_data(seed)
    loader = gluon.data.DataLoader(gluon.data.ArrayDataset(x_train, y_train),
                                   batch_size=batch_size, shuffle=True)
    net = build_net()
    net.initialize(init.Xavier())
    net.hybridize()
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": lr})

    losses, train_acc, test_acc = [], [], []
    for _ in range(epochs):
        total = 0.0
        for xb, yb in loader:
            with autograd.record():
                loss = loss_fn(net(xb), yb)
            loss.backward()
            trainer.step(xb.shape[0])
            total += float(loss.sum())
        losses.append(total / len(x_train))
        train_acc.append(accuracy(net, x_train, y_train))
        test_acc.append(accuracy(net, x_test, y_test))
    return net, losses, train_acc, test_acc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=10, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.01, help="Adam 学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    _, losses, train_acc, test_acc = train(args.epochs, args.batch_size, args.lr, args.seed)
    for epoch, (l, a, b) in enumerate(zip(losses, train_acc, test_acc), start=1):
        print(f"第 {epoch:2d} 轮  损失 {l:.4f}  训练准确率 {a:.4f}  测试准确率 {b:.4f}")
    print(f"最终训练损失: {losses[-1]:.4f}")
    print(f"训练准确率: {train_acc[-1]:.4f}")
    print(f"测试准确率: {test_acc[-1]:.4f}")

    epochs = range(1, args.epochs + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    ax1.plot(epochs, losses, "o-")
    ax1.set_xlabel("轮数")
    ax1.set_ylabel("平均交叉熵损失")
    ax1.set_title("训练损失")
    ax2.plot(epochs, train_acc, "o-", label="训练集")
    ax2.plot(epochs, test_acc, "s--", label="测试集")
    ax2.set_xlabel("轮数")
    ax2.set_ylabel("准确率")
    ax2.set_title("准确率")
    ax2.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
