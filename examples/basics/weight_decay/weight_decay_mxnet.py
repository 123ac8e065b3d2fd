# env: mxnet
"""MXNet 里的权重衰减：``Trainer`` 的 ``wd`` 是加进梯度的 L2，AdamW 要用单独的算子。

``sgd`` 与 ``adam`` 优化器把 ``wd·w`` 加到梯度上再做更新。对普通 SGD 这就是权重衰减；
带动量时 ``wd·w`` 进入动量缓冲区，是 L2 写法（与 Keras 的解耦写法不同）；对 Adam，``wd`` 会和
梯度一起被 √v 归一化，得到的是 Adam + L2，而不是 AdamW。
解耦的版本是 ``mx.nd.contrib.adamw_update``：它不做偏差修正，须把 √(1−β₂ᵗ)/(1−β₁ᵗ)
折进学习率。本示例在同一串小批量上比较三种更新与手写公式。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n=200, scales=(0.1, 1.0, 10.0), seed=0):
    """与 NumPy 示例相同的数据：y = x·(1, 1, 1) + 噪声。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(scales))) * np.asarray(scales)
    return X, X.sum(axis=1) + 0.1 * rng.normal(size=n)


def batches(n, batch_size, steps, seed=0):
    rng = np.random.default_rng([1, seed])
    return [rng.choice(n, batch_size, replace=False) for _ in range(steps)]


def minibatch_loss(w, X, y, idx):
    Xb = nd.array(X[idx], dtype="float64")
    yb = nd.array(y[idx], dtype="float64")
    return ((nd.dot(Xb, w) - yb) ** 2).mean() / 2


def run_trainer(X, y, optimizer, lr, lam, index_batches, w0, betas=(0.9, 0.999), momentum=0.0):
    """gluon.Trainer(optimizer, wd=λ) 最小化 1/(2n)‖Xw − y‖²，返回最终 w。

    Adam 的 ε 设成 1e-7，与 Keras 和 NumPy 版本一致（MXNet 默认 1e-8）。
    """
    w = gluon.Parameter("w", shape=(len(w0),), dtype="float64")
    w.initialize(mx.init.Constant(0), ctx=mx.cpu())
    w.set_data(nd.array(w0, dtype="float64"))
    options = {"learning_rate": lr, "wd": lam}
    if optimizer == "adam":
        options.update(epsilon=1e-7, beta1=betas[0], beta2=betas[1])
    if momentum:
        options.update(momentum=momentum)
    trainer = gluon.Trainer([w], optimizer, options)
    for idx in index_batches:
        with autograd.record():
            loss = minibatch_loss(w.data(), X, y, idx)
        loss.backward()
        trainer.step(1)                 # 损失已经是平均值，不再除以批量大小
    return w.data().asnumpy()


def run_adamw(X, y, lr, lam, index_batches, w0, beta1=0.9, beta2=0.999, eps=1e-7):
    """用 contrib.adamw_update：w ← w − η·(lr'·m/(√v+ε) + λw)，lr' 含偏差修正。"""
    w = nd.array(w0, dtype="float64")
    m, v = nd.zeros_like(w), nd.zeros_like(w)
    one = nd.array([1.0])                           # rescale_grad 必须是 float32 的 NDArray
    for t, idx in enumerate(index_batches, start=1):
        w.attach_grad()
        with autograd.record():
            loss = minibatch_loss(w, X, y, idx)
        loss.backward()
        correction = np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        w = nd.contrib.adamw_update(w, w.grad, m, v, rescale_grad=one, lr=correction, eta=lr,
                                    wd=lam, beta1=beta1, beta2=beta2, epsilon=eps)
    return w.asnumpy()


def compare(X, y, lam, lr, index_batches, w0, betas=(0.9, 0.999), momentum=0.9):
    return {"SGD(wd)": run_trainer(X, y, "sgd", lr, lam, index_batches, w0),
            "动量 SGD(wd)": run_trainer(X, y, "sgd", lr, lam, index_batches, w0, momentum=momentum),
            "Adam(wd)": run_trainer(X, y, "adam", lr, lam, index_batches, w0, betas),
            "contrib.adamw_update": run_adamw(X, y, lr, lam, index_batches, w0, *betas)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=nonnegative_float, default=0.3, help="正则化系数 λ")
    parser.add_argument("--lr", type=positive_float, default=0.005, help="学习率 η")
    parser.add_argument("--steps", type=positive_int, default=500, help="迭代步数")
    parser.add_argument("--batch-size", type=positive_int, default=20, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, y = make_data(seed=args.seed)
    if args.batch_size > len(y):
        parser.error(f"--batch-size 不能超过样本数 {len(y)}")
    index_batches = batches(len(y), args.batch_size, args.steps, args.seed)

    w = compare(X, y, args.lam, args.lr, index_batches, np.full(3, 0.5))
    for name, value in w.items():
        print(f"{name} 的权重:", np.array2string(value, precision=4))
    print(f"Adam(wd) 与 AdamW 的最大差异: {np.abs(w['Adam(wd)'] - w['contrib.adamw_update']).max():.4f}")


if __name__ == "__main__":
    main()
