# env: mxnet
"""Gluon 实现同一个小卷积网络：卷积 8@3×3 → 卷积 16@3×3 → 2×2 最大池化 → 全连接 10，Adam 训练。

Gluon 的布局与 NumPy 版本相同（NCHW，卷积核 (输出, 输入, kh, kw)），Dense 层会自动展平，
顺序同样是 (通道, 行, 列)；只有 Dense 的权重形状是 (输出, 输入)，要转置。为了与 NumPy、
Keras 版本逐步对照，初始权重由 NumPy 生成后用 set_data 装入，小批量顺序也由 NumPy 生成。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import DATASETS, DatasetError, load_digits_split, load_fashion_mnist


def load_data(dataset="digits", data_dir=None, seed=0):
    """NCHW 的 float32 图像（像素在 [0, 1]）与标签：digits 分层划分 75%/25%，Fashion-MNIST 用官方划分。"""
    X_tr, X_te, y_tr, y_te = (load_digits_split(test_size=0.25, seed=seed, scale="unit") if dataset == "digits"
                              else load_fashion_mnist(data_dir))
    side = int(round(np.sqrt(X_tr.shape[1])))
    return [X.reshape(-1, 1, side, side).astype(np.float32) for X in (X_tr, X_te)] + [y_tr, y_te]


def init_params(side=8, seed=0):
    """He 初始化：N(0, 2/输入数)，偏置为 0。卷积核 (输出通道, 输入通道, 3, 3)，全连接 (输入, 输出)。"""
    rng = np.random.default_rng(seed)
    layers = [((8, 1, 3, 3), 9, 8), ((16, 8, 3, 3), 72, 16), ((16 * (side // 2) ** 2, 10), 16 * (side // 2) ** 2, 10)]
    return [a.astype(np.float32) for shape, fan_in, n_out in layers
            for a in (rng.normal(0, np.sqrt(2 / fan_in), shape), np.zeros(n_out))]


def minibatches(n, batch_size, epoch, seed=0):
    """第 epoch 轮的小批量下标：每轮用 (seed, epoch) 重新打乱一次。"""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def build_net(side=8, seed=0):
    net = gluon.nn.Sequential()
    net.add(gluon.nn.Conv2D(8, 3, padding=1, activation="relu", in_channels=1),
            gluon.nn.Conv2D(16, 3, padding=1, activation="relu", in_channels=8),
            gluon.nn.MaxPool2D(2),
            gluon.nn.Dense(10, in_units=16 * (side // 2) ** 2))   # 输出 logits
    net.initialize()
    W1, b1, W2, b2, W3, b3 = init_params(side, seed)
    for layer, (W, b) in zip((net[0], net[1], net[3]), ((W1, b1), (W2, b2), (W3.T, b3))):
        layer.weight.set_data(nd.array(W))
        layer.bias.set_data(nd.array(b))
    return net


def train(X, y, epochs=10, batch_size=32, lr=0.003, seed=0):
    """返回 (网络, 每轮各小批量损失的平均)。"""
    net = build_net(X.shape[2], seed)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()   # softmax 与交叉熵合并计算
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": lr, "epsilon": 1e-7})
    history = []
    for epoch in range(epochs):
        losses = []
        for idx in minibatches(len(X), batch_size, epoch, seed):
            with autograd.record():
                loss = loss_fn(net(nd.array(X[idx])), nd.array(y[idx]))
            loss.backward()
            trainer.step(len(idx))                   # 梯度除以批量大小，即平均损失的梯度
            losses.append(loss.mean().asscalar())
        history.append(float(np.mean(losses)))
    return net, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=DATASETS, default="digits", help="数据集")
    parser.add_argument("--data-dir", default=None, help="Fashion-MNIST 文件所在目录（默认读 MMDL_DATA_DIR）")
    parser.add_argument("--epochs", type=positive_int, default=10, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.003, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    try:
        X_tr, X_te, y_tr, y_te = load_data(args.dataset, args.data_dir, args.seed)
    except DatasetError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")

    mx.random.seed(args.seed)
    net, history = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    pred = np.concatenate([net(nd.array(X_te[i:i + 500])).argmax(axis=1).asnumpy()
                           for i in range(0, len(X_te), 500)])
    print(f"最后一轮的训练损失: {history[-1]:.6f}")
    print(f"测试准确率: {(pred == y_te).mean():.4f}")
    print(f"卷积网络参数个数: {sum(p.data().size for p in net.collect_params().values())}")


if __name__ == "__main__":
    main()
