# env: mxnet
"""MXNet Gluon 实现线性回归：nn.Dense(1) + autograd 求梯度 + gluon.Trainer 更新参数。

数据仍由 NumPy 按同样的代码、同样的种子生成，再转成 MXNet 的 NDArray；
初始化为 0、学习率与步数也相同，所以结果应与 NumPy、TensorFlow 版本一致。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_float, positive_int

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2


def make_data(n=1000, noise=0.1, seed=0):
    """生成线性回归数据：y = X·w + b + 噪声，X 的每个元素服从标准正态分布。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    y = X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)
    return X.astype(np.float32), y.astype(np.float32)


def train(X, y, lr=0.1, epochs=100):
    """批量梯度下降，返回 (w, b, 最后一步之后的损失)。"""
    X, y = nd.array(X), nd.array(y).reshape((-1, 1))
    net = gluon.nn.Dense(1, in_units=X.shape[1])
    net.initialize(mx.init.Zero())
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    for _ in range(epochs):
        with autograd.record():
            loss = ((net(X) - y) ** 2).mean()   # 已经是平均损失
        loss.backward()
        trainer.step(1)                          # 所以这里不再除以批量大小
    final = ((net(X) - y) ** 2).mean().asscalar()
    return net.weight.data().asnumpy()[0], float(net.bias.data().asscalar()), float(final)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="生成数据的随机种子")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=100, help="梯度下降的步数")
    args = parser.parse_args(argv)

    X, y = make_data(seed=args.seed)
    w, b, loss = train(X, y, args.lr, args.epochs)
    print(f"w1: {w[0]:.4f}")
    print(f"w2: {w[1]:.4f}")
    print(f"b: {b:.4f}")
    print(f"最终训练损失: {loss:.6f}")


if __name__ == "__main__":
    main()
