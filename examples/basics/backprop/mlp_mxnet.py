# env: mxnet
"""MXNet 的自动微分：同一个两层感知机，梯度由 ``autograd`` 求出。

参数用 ``attach_grad()`` 申请梯度缓冲区，前向计算写在 ``autograd.record()`` 里，
``loss.backward()`` 之后梯度就在 ``param.grad`` 中。初始权重、批量顺序、学习率与
NumPy 版本相同，全程 float64。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, nd

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split, one_hot


def init_params(n_in, n_hidden, n_out, seed=0):
    """与 NumPy 版本相同的初始化：N(0, 1/输入维数) 的权重、全 0 的偏置。"""
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0.0, np.sqrt(1.0 / n_in), (n_in, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W2": rng.normal(0.0, np.sqrt(1.0 / n_hidden), (n_hidden, n_out)),
            "b2": np.zeros(n_out)}


def logits(params, X):
    H = nd.tanh(nd.dot(X, params["W1"]) + params["b1"])
    return nd.dot(H, params["W2"]) + params["b2"]


def loss_fn(params, X, Y):
    """平均交叉熵：−Σ y·log_softmax(z) 对样本取平均。"""
    return -(Y * nd.log_softmax(logits(params, X), axis=1)).sum(axis=1).mean()


def to_nd(array):
    return nd.array(array, dtype="float64", ctx=mx.cpu())


def loss_and_grads(params, X, Y):
    """给定 NumPy 参数与数据，返回损失与梯度（NumPy float64），供测试对照。"""
    nd_params = {k: to_nd(v) for k, v in params.items()}
    for p in nd_params.values():
        p.attach_grad()
    with autograd.record():
        loss = loss_fn(nd_params, to_nd(X), to_nd(Y))
    loss.backward()
    return float(loss.asscalar()), {k: p.grad.asnumpy() for k, p in nd_params.items()}


def accuracy(params, X, y):
    return float(np.mean(np.argmax(logits(params, to_nd(X)).asnumpy(), axis=1) == y))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元数")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.2, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X_train, X_test, y_train, y_test = load_digits_split(seed=args.seed)
    Y_train = one_hot(y_train, 10)
    params = {k: to_nd(v)
              for k, v in init_params(X_train.shape[1], args.hidden, 10, args.seed).items()}
    for p in params.values():
        p.attach_grad()

    rng = np.random.default_rng(args.seed)           # 与 NumPy 版本相同的批量顺序
    for _ in range(args.epochs):
        order = rng.permutation(len(X_train))
        for start in range(0, len(X_train), args.batch_size):
            idx = order[start:start + args.batch_size]
            with autograd.record():
                loss = loss_fn(params, to_nd(X_train[idx]), to_nd(Y_train[idx]))
            loss.backward()
            for p in params.values():
                p[:] = p - args.lr * p.grad
    print(f"训练准确率: {accuracy(params, X_train, y_train):.4f}")
    print(f"测试准确率: {accuracy(params, X_test, y_test):.4f}")


if __name__ == "__main__":
    main()
