# env: mxnet
"""用 MXNet 的 gluon.Trainer 在同一个病态二次函数上走同样的步数。

超参数表与 NumPy 版相同，翻译时要注意 MXNet 的约定：RMSProp 的衰减率叫 gamma1、默认
epsilon 是 1e-8；AdaGrad 的累积量从 0 开始；``trainer.step(batch_size)`` 会把梯度乘以
rescale_grad = 1/batch_size（这里梯度就是整个目标函数的梯度，所以传 1）。MXNet 1.x 没有
注册 AdamW，这里用 ``nd.contrib.adamw_update`` 算子补一个优化器类。
"""
import argparse
import math

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import positive_int

CURVATURE = np.array([1.0, 20.0])
START = np.array([-4.5, 1.5])
HYPER = {
    "GD": dict(lr=0.09),
    "Momentum": dict(lr=0.02, momentum=0.8),
    "Nesterov": dict(lr=0.02, momentum=0.8),
    "AdaGrad": dict(lr=1.0, eps=1e-7, initial_accumulator=0.0),
    "RMSProp": dict(lr=0.2, rho=0.9, eps=1e-7),
    "Adam": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=True),
    "AdamW": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.2,
                  eps_hat=True),
}


@mx.optimizer.register
class AdamW(mx.optimizer.Optimizer):
    """解耦权重衰减的 Adam：w ← w − η·(c_t·m/(√v + ε) + wd·w)，c_t = √(1−β₂ᵗ)/(1−β₁ᵗ)。"""

    def __init__(self, beta1=0.9, beta2=0.999, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def create_state(self, index, weight):
        return (nd.zeros(weight.shape, weight.context, dtype=weight.dtype),
                nd.zeros(weight.shape, weight.context, dtype=weight.dtype))

    def update(self, index, weight, grad, state):
        self._update_count(index)
        t = self._index_update_count[index]
        correction = math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        mean, var = state
        # 算子计算 w ← w − eta·(lr·m/(√v + ε) + wd·w)：偏差修正给 lr，学习率给 eta
        nd.contrib.adamw_update(weight, grad, mean, var, rescale_grad=self.rescale_grad,
                                lr=correction, eta=self._get_lr(index), wd=self._get_wd(index),
                                beta1=self.beta1,
                                beta2=self.beta2, epsilon=self.epsilon, out=weight)


def make_trainer(name, h, params):
    """把超参数表翻译成 gluon.Trainer 的优化器名与参数。"""
    if not h.get("eps_hat", True):
        raise ValueError("MXNet 的 Adam 只有 ε̂ 写法（epsilon 加在未修正的 √v 上）")
    table = {
        "GD": ("sgd", {}),
        "Momentum": ("sgd", dict(momentum=h.get("momentum"))),
        "Nesterov": ("nag", dict(momentum=h.get("momentum"))),
        "AdaGrad": ("adagrad", dict(eps=h.get("eps"))),
        "RMSProp": ("rmsprop", dict(gamma1=h.get("rho"), epsilon=h.get("eps"))),
        "Adam": ("adam", dict(beta1=h.get("beta1"), beta2=h.get("beta2"), epsilon=h.get("eps"))),
        "AdamW": ("adamw", dict(beta1=h.get("beta1"), beta2=h.get("beta2"),
                                epsilon=h.get("eps"), wd=h.get("weight_decay"))),
    }
    if h.get("initial_accumulator", 0.0) != 0.0:
        raise ValueError("MXNet 的 AdaGrad 累积量固定从 0 开始")
    optimizer, kwargs = table[name]
    return gluon.Trainer(params, optimizer, dict(learning_rate=h["lr"], **kwargs))


def loss_fn(w):
    return 0.5 * nd.sum(nd.array(CURVATURE, dtype=w.dtype) * w * w)


def trajectory(name, hyper, w0, steps, loss=loss_fn, dtype="float32"):
    """Trainer 走 steps 步，返回 (steps+1, d) 的参数序列（float64 NumPy 数组）。"""
    w = gluon.Parameter("w", shape=np.shape(w0), dtype=dtype)
    w.initialize(ctx=mx.cpu())
    w.set_data(nd.array(w0, dtype=dtype))
    trainer = make_trainer(name, hyper, [w])
    path = [w.data().asnumpy().astype(np.float64)]
    for _ in range(steps):
        with autograd.record():
            value = loss(w.data())
        value.backward()
        trainer.step(1)  # rescale_grad = 1/1：梯度原样使用
        path.append(w.data().asnumpy().astype(np.float64))
    return np.array(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=40, help="迭代步数")
    args = parser.parse_args(argv)
    print("MXNet", mx.__version__)
    for name in HYPER:
        end = trajectory(name, HYPER[name], START, args.steps)[-1]
        print(f"{name} 终点 x: {end[0]:.4f}")
        print(f"{name} 终点 y: {end[1]:.4f}")
        print(f"{name} 终点损失: {0.5 * np.sum(CURVATURE * end * end):.4f}")


if __name__ == "__main__":
    main()
