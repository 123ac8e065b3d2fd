# env: mxnet
"""MXNet 1.9.1 的各个优化器怎样使用 ``wd``：加进梯度（L2 正则化），还是在更新之外单独衰减。

对每个优化器，用 ``gluon.Trainer(..., wd=λ)`` 在一个二次函数上走几步，再与两种 NumPy 写法比较：

- L2：把 λw 加进梯度，g ← g + λw，再按优化器的规则更新；
- 解耦：按优化器的规则只用 g 更新，另外减去 ηλw（η 是学习率）。

哪一种与 MXNet 的结果相同，就说明这个优化器的 ``wd`` 是哪一种。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import positive_int

CURVATURE = np.array([1.0, 4.0])   # L(w) = ½ Σ c_i w_i²，梯度 c·w
W0 = np.array([1.0, -2.0])
# 超参数取二进制下能精确表示的值，MXNet 以 float32 传参时不产生舍入
LR, WD, MU, RHO, EPS = 0.125, 0.25, 0.5, 0.875, 2.0 ** -20
OPTIMIZERS = {
    "sgd": ("sgd", {}),
    "sgd(momentum)": ("sgd", {"momentum": MU}),
    "nag": ("nag", {"momentum": MU}),
    "adagrad": ("adagrad", {"eps": EPS}),
    "rmsprop": ("rmsprop", {"gamma1": RHO, "epsilon": EPS}),
    "adam": ("adam", {"beta1": RHO, "beta2": 1 - 2.0 ** -9, "epsilon": EPS}),
}


def rule(name):
    """返回 MXNet 该优化器不带 wd 时的更新规则 step(w, g, state, t) -> (w, state)。"""
    def sgd(w, g, s, t):
        return w - LR * g, s

    def momentum(w, g, s, t):
        s = MU * s - LR * g
        return w + s, s

    def nag(w, g, s, t):
        s = MU * s + g
        return w - LR * (g + MU * s), s

    def adagrad(w, g, s, t):
        s = s + g * g
        return w - LR * g / np.sqrt(s + EPS), s

    def rmsprop(w, g, s, t):
        s = RHO * s + (1 - RHO) * g * g
        return w - LR * g / np.sqrt(s + EPS), s

    def adam(w, g, s, t):
        b2 = 1 - 2.0 ** -9
        m, v = s if isinstance(s, tuple) else (0.0, 0.0)
        m, v = RHO * m + (1 - RHO) * g, b2 * v + (1 - b2) * g * g
        return w - LR * np.sqrt(1 - b2 ** t) / (1 - RHO ** t) * m / (np.sqrt(v) + EPS), (m, v)

    return {"sgd": sgd, "sgd(momentum)": momentum, "nag": nag, "adagrad": adagrad,
            "rmsprop": rmsprop, "adam": adam}[name]


def numpy_path(name, mode, steps):
    """mode="l2"：g + λw 进入更新规则；mode="decoupled"：规则只用 g，另外减去 ηλw。"""
    step, w, s = rule(name), W0.copy(), 0.0
    for t in range(1, steps + 1):
        g = CURVATURE * w
        if mode == "l2":
            w, s = step(w, g + WD * w, s, t)
        else:
            new, s = step(w, g, s, t)
            w = new - LR * WD * w
    return w


def mxnet_path(name, steps):
    """gluon.Trainer(optimizer, wd=λ) 在同一个函数上走 steps 步（float32）。"""
    optimizer, options = OPTIMIZERS[name]
    w = gluon.Parameter("w", shape=(2,))
    w.initialize(mx.init.Constant(0), ctx=mx.cpu())
    w.set_data(nd.array(W0))
    trainer = gluon.Trainer([w], optimizer, dict(options, learning_rate=LR, wd=WD))
    c = nd.array(CURVATURE)
    for _ in range(steps):
        with autograd.record():
            loss = (c * w.data() ** 2).sum() / 2
        loss.backward()
        trainer.step(1)
    return w.data().asnumpy().astype(np.float64)


def classify(name, steps):
    """返回 (与 L2 写法的差异, 与解耦写法的差异)。"""
    theirs = mxnet_path(name, steps)
    return tuple(float(np.abs(theirs - numpy_path(name, mode, steps)).max())
                 for mode in ("l2", "decoupled"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=5, help="比较的步数")
    args = parser.parse_args(argv)
    print(f"MXNet {mx.__version__}，η = {LR}，wd = λ = {WD}，每个优化器走 {args.steps} 步：")
    for name in OPTIMIZERS:
        l2, decoupled = classify(name, args.steps)
        if max(l2, decoupled) < 1e-6:
            verdict = "两种写法相同"
        elif l2 < 1e-6:
            verdict = "L2（加进梯度）"
        elif decoupled < 1e-6:
            verdict = "解耦（单独减去 ηλw）"
        else:
            verdict = "两种都不是"
        print(f"{name} 的 wd: {verdict}。与 L2 写法差 {l2:.1e}，与解耦写法差 {decoupled:.1e}")


if __name__ == "__main__":
    main()
