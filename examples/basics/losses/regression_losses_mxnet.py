# env: mxnet
"""Gluon 的回归损失：L2Loss、L1Loss 与 HuberLoss，以及它们与通常定义的换算。

Gluon 的损失对每个样本返回一个值（对样本内的元素取平均），再 ``.mean()`` 得到批平均。
两个约定要注意：``L2Loss`` 计算 (p − y)²/2，是 MSE 的一半；``HuberLoss(rho)`` 实际上是
Smooth L1（|r| < ρ 时 r²/(2ρ)），乘以 ρ 才是 Keras 的 Huber(δ=ρ)。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import positive_float


def make_batch(seed=0):
    """与 NumPy 版相同的一批数据（同一个种子、同一个随机数生成器）。"""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(8, 3))
    return y, y + rng.normal(scale=1.5, size=(8, 3))


def gluon_losses(y, p, delta=1.0):
    """返回 {名字: (损失值, 对预测值的梯度)}，都换算成通常的定义；梯度由 autograd 求出。"""
    table = {
        "MSE": lambda q, t: 2 * gluon.loss.L2Loss()(q, t),  # 去掉 L2Loss 的 1/2
        "L1": lambda q, t: gluon.loss.L1Loss()(q, t),
        "Huber": lambda q, t: delta * gluon.loss.HuberLoss(rho=delta)(q, t),
        "SmoothL1": lambda q, t: gluon.loss.HuberLoss(rho=delta)(q, t),
    }
    out = {}
    for name, fn in table.items():
        pred = nd.array(p, dtype="float64")
        pred.attach_grad()
        with autograd.record():
            value = fn(pred, nd.array(y, dtype="float64")).mean()  # 逐样本 → 批平均
        value.backward()
        out[name] = (value.asscalar().item(), pred.grad.asnumpy())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delta", type=positive_float, default=2.0,
                        help="Huber 的 δ 与 Smooth L1 的 β")
    args = parser.parse_args(argv)
    print("MXNet", mx.__version__)
    y, p = make_batch()
    values = gluon_losses(y, p, args.delta)
    print(f"MSE: {values['MSE'][0]:.6f}")
    print(f"L1 损失: {values['L1'][0]:.6f}")
    print(f"Huber 损失: {values['Huber'][0]:.6f}")
    print(f"Smooth L1 损失: {values['SmoothL1'][0]:.6f}")
    raw = gluon.loss.L2Loss()(nd.array(p, dtype="float64"), nd.array(y, dtype="float64"))
    print(f"L2Loss 原始值（含 1/2）: {raw.mean().asscalar():.6f}")
    print(f"L2Loss 输出形状（每个样本一个值）: {raw.shape[0]}")


if __name__ == "__main__":
    main()
