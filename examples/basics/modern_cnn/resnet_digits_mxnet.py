# env: mxnet
# timing-output: 打印的训练秒数随机器与负载变化，其余输出每次相同
"""Gluon 版本：同样的小 ResNet 与去掉跳跃连接的普通网络，在 digits 上训练并比较。

结构与 TensorFlow 版本相同：卷积 16 → 两组残差块（16 通道 8×8；32 通道 4×4，第一个块步幅 2、
用 1×1 投影捷径）→ 全局平均池化 → 全连接 10；每个卷积之后接批量归一化（Gluon 默认 momentum=0.9）。
学习率与 TensorFlow 版本相同：从 0.02 余弦退火到 0（CosineScheduler 以更新次数计）。
hybridize() 把网络编译成静态图，训练快一些。
"""
import argparse
import time

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_int
from mmdl.data import load_digits_split


def conv_bn(channels, stride=1, kernel=3):
    seq = gluon.nn.HybridSequential()
    seq.add(gluon.nn.Conv2D(channels, kernel, strides=stride, padding=kernel // 2, use_bias=False),
            gluon.nn.BatchNorm())
    return seq


class Block(gluon.nn.HybridBlock):
    """y = ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x))；residual=False 时没有捷径。"""

    def __init__(self, c_in, channels, stride, residual, **kwargs):
        super().__init__(**kwargs)
        self.residual = residual
        self.body1, self.body2 = conv_bn(channels, stride), conv_bn(channels)
        self.proj = conv_bn(channels, stride, 1) if residual and (stride != 1 or c_in != channels) else None

    def hybrid_forward(self, F, x):
        z = self.body2(F.relu(self.body1(x)))
        if self.residual:
            z = z + (x if self.proj is None else self.proj(x))
        return F.relu(z)


def build(kind, blocks=2):
    net = gluon.nn.HybridSequential()
    net.add(conv_bn(16), gluon.nn.Activation("relu"))
    c_in = 16
    for stage, channels in enumerate((16, 32)):
        for i in range(blocks):
            net.add(Block(c_in, channels, 2 if stage and i == 0 else 1, kind == "resnet"))
            c_in = channels
    net.add(gluon.nn.GlobalAvgPool2D(), gluon.nn.Dense(10))
    return net


def train(kind, data, epochs, blocks, seed, lr=0.02):
    X_tr, X_te, y_tr, y_te = data
    mx.random.seed(seed)
    net = build(kind, blocks)
    net.initialize(mx.init.Xavier())
    net.hybridize()
    schedule = mx.lr_scheduler.CosineScheduler(epochs * -(-len(X_tr) // 128), base_lr=lr)
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": lr, "lr_scheduler": schedule})
    loss_fn, losses = gluon.loss.SoftmaxCrossEntropyLoss(), []
    start = time.perf_counter()
    for epoch in range(epochs):
        order, total = np.random.default_rng([seed, epoch]).permutation(len(X_tr)), 0.0
        for i in range(0, len(order), 128):
            idx = order[i:i + 128]
            with autograd.record():
                loss = loss_fn(net(nd.array(X_tr[idx])), nd.array(y_tr[idx]))
            loss.backward()
            trainer.step(len(idx))
            total += loss.sum().asscalar()
        losses.append(total / len(X_tr))
    seconds = time.perf_counter() - start
    acc = (net(nd.array(X_te)).argmax(axis=1).asnumpy() == y_te).mean()
    return sum(p.data().size for p in net.collect_params().values() if p.grad_req != "null"), losses, acc, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=4, help="训练轮数")
    parser.add_argument("--blocks", type=positive_int, default=2, help="每组残差块的个数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=args.seed, scale="unit")
    data = (X_tr.reshape(-1, 1, 8, 8).astype(np.float32), X_te.reshape(-1, 1, 8, 8).astype(np.float32), y_tr, y_te)
    names = {"resnet": "小 ResNet", "plain": "普通网络"}
    results = {kind: train(kind, data, args.epochs, args.blocks, args.seed) for kind in names}
    print(f"{'模型':<12}{'可训练参数':>8}{'最后一轮训练损失':>16}{'测试准确率':>10}")
    for kind, (n_params, losses, acc, _) in results.items():
        print(f"{names[kind]:<12}{n_params:>12}{losses[-1]:>24.4f}{acc:>15.4f}")
    for kind, (*_, seconds) in results.items():
        print(f"{names[kind]} 训练 {args.epochs} 轮的秒数: {seconds:.1f}")


if __name__ == "__main__":
    main()
