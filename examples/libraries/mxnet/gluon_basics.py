# env: mxnet
"""Gluon 的三件套：Block（网络）、Parameter（参数与初始化）、Trainer（更新参数）。

自定义网络继承 ``nn.Block``，在 ``__init__`` 里创建子层，在 ``forward`` 里写前向计算。
``Dense`` 不写 ``in_units`` 时参数形状要等第一次前向才确定（延后初始化）。
``Trainer.step(batch_size)`` 把梯度除以 batch_size 后交给优化器，所以一步 SGD 是
w ← w − η·∇w / batch_size。
"""
import argparse

import numpy as onp
import mxnet as mx
from mxnet import autograd, gluon, init, np, npx
from mxnet.gluon import nn

from mmdl.cli import nonnegative_int, positive_float, positive_int

npx.set_np()


class MLP(nn.Block):
    """两层感知机：隐藏层 ReLU，输出层不加激活。"""

    def __init__(self, hidden, classes, **kwargs):
        super().__init__(**kwargs)
        self.hidden = nn.Dense(hidden, activation="relu")
        self.output = nn.Dense(classes)

    def forward(self, x):
        return self.output(self.hidden(x))


def param_count(inputs, hidden, classes):
    """两层全连接网络的参数个数（权重加偏置）。"""
    return inputs * hidden + hidden + hidden * classes + classes


def sgd_step(net, x, y, lr):
    """做一步 SGD，返回 (更新前的参数, 梯度, 更新后的参数)，都是 NumPy 字典。"""
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    params = net.collect_params()
    net(x)                                   # 参数若还在延后初始化，先让它完成
    before = {k: p.data().asnumpy() for k, p in params.items()}
    with autograd.record():
        loss = loss_fn(net(x), y)
    loss.backward()
    grads = {k: p.grad().asnumpy() for k, p in params.items()}
    trainer.step(x.shape[0])
    after = {k: p.data().asnumpy() for k, p in params.items()}
    return before, grads, after


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=positive_int, default=64, help="输入特征数")
    parser.add_argument("--hidden", type=positive_int, default=16, help="隐藏单元数")
    parser.add_argument("--batch-size", type=positive_int, default=8, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.5, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    mx.random.seed(args.seed)
    classes = 10

    net = MLP(args.hidden, classes)
    net.initialize(init.Xavier())   # 权重用 Xavier；名字以 bias 结尾的参数一律置 0
    net.output.bias.initialize(init=init.Constant(0.1), force_reinit=True)
    print(f"网络结构: {net}")
    w = net.hidden.weight
    print(f"首次前向之前 {w.name} 的形状: {w.shape}（-1 表示待定）")

    x = np.random.normal(size=(args.batch_size, args.inputs))
    y = np.array(onp.arange(args.batch_size) % classes)
    net(x)                                   # 第一次前向：推断并真正分配参数
    print(f"首次前向之后 {w.name} 的形状: {w.shape}")
    for name, p in net.collect_params().items():
        print(f"参数 {name}: 形状 {p.shape}")
    total = sum(p.data().size for p in net.collect_params().values())
    print(f"参数总数: {total}")
    print(f"公式 n·h + h + h·k + k: {param_count(args.inputs, args.hidden, classes)}")
    print(f"隐藏层偏置的初值: {float(net.hidden.bias.data()[0]):.2f}")
    print(f"输出层偏置的初值: {float(net.output.bias.data()[0]):.2f}")

    before, grads, after = sgd_step(net, x, y, args.lr)
    worst = max(onp.abs(after[k] - (before[k] - args.lr * grads[k] / args.batch_size)).max()
                for k in before)
    print(f"Trainer 更新与 w − η·∇w/B 的最大差异: {worst:.2e}")
    change = onp.abs(after[w.name] - before[w.name]).max()
    print(f"隐藏层权重的最大变化: {change:.4f}")


if __name__ == "__main__":
    main()
