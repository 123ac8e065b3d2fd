# env: mxnet
"""Gluon 的分类损失：SigmoidBCE、SoftmaxCrossEntropy、HingeLoss 与 KLDivLoss。

参数顺序是 (pred, label)，每个样本返回一个值，再 ``.mean()`` 得批平均。几个名字容易误解：
``SoftmaxCrossEntropyLoss`` 默认 ``sparse_label=True``（标签是类别下标），软标签要设为 False；
它和 ``KLDivLoss`` 的 ``from_logits=True`` 指的是 pred 已经是 log-softmax 的输出，
传入原始 logits 时应该用 ``from_logits=False``。``HingeLoss`` 要求 −1/+1 标签。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import positive_int


def make_batch(n=8, k=5, seed=0):
    """与 NumPy 版相同的一批数据（同一个种子、同样的抽样顺序）。"""
    rng = np.random.default_rng(seed)
    z_bin = 3 * rng.normal(size=n)
    y_bin = rng.integers(0, 2, size=n)
    z = 3 * rng.normal(size=(n, k))
    labels = rng.integers(0, k, size=n)
    a = rng.normal(size=(n, k))
    p = np.exp(a - a.max(axis=1, keepdims=True))
    return z_bin, y_bin.astype(float), z, labels, p / p.sum(axis=1, keepdims=True)


def gluon_losses(z_bin, y_bin, z, labels, p):
    """返回 {名字: (损失值, 对 logits 的梯度)}，梯度由 autograd 求出。"""
    G = gluon.loss
    table = {  # 名字: (损失函数, logits, 目标)
        "BCE": (G.SigmoidBinaryCrossEntropyLoss(from_sigmoid=False), z_bin, y_bin),
        "CE": (G.SoftmaxCrossEntropyLoss(), z, labels),
        "SoftCE": (G.SoftmaxCrossEntropyLoss(sparse_label=False), z, p),
        "Hinge": (G.HingeLoss(), z_bin, 2 * y_bin - 1),  # 0/1 → −1/+1
        "KL": (G.KLDivLoss(from_logits=False), z, p),  # 内部先做 log_softmax
    }
    out = {}
    for name, (fn, logits, target) in table.items():
        x = nd.array(logits, dtype="float64")
        x.attach_grad()
        with autograd.record():
            value = fn(x, nd.array(target, dtype="float64")).mean()
        value.backward()
        out[name] = (value.asscalar().item(), x.grad.asnumpy())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=8, help="批大小")
    args = parser.parse_args(argv)
    print("MXNet", mx.__version__)
    v = gluon_losses(*make_batch(args.n))
    print(f"二元交叉熵: {v['BCE'][0]:.6f}")
    print(f"多类交叉熵: {v['CE'][0]:.6f}")
    print(f"Hinge 损失: {v['Hinge'][0]:.6f}")
    print(f"KL 散度: {v['KL'][0]:.6f}")
    print(f"软标签交叉熵: {v['SoftCE'][0]:.6f}")


if __name__ == "__main__":
    main()
