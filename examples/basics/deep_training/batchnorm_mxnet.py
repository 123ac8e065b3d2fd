# env: mxnet
"""Gluon 的 ``nn.BatchNorm``：默认 momentum=0.9、epsilon=1e-5，滑动平均在反向传播时才更新。

约定与 Keras 相同：running = momentum·running + (1−momentum)·batch，方差是有偏的（除以批量大小 m）。
但 MXNet 的算子在 **反向** 计算里更新 running_mean/running_var：只在 ``autograd.record()``
里前向、不调用 ``backward()``，滑动平均不会变。本示例连续训练几步，把滑动方差与两种算法比较，
再把各步输出、滑动均值、推理输出和梯度与 NumPy 实现逐项比较，打印最大差。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_int

RHO, EPS = 0.9, 1e-5                   # MXNet 的默认 momentum 与 epsilon


def gluon_batchnorm(batches, gamma, beta, upstream, momentum=0.9, eps=1e-5, backward=True):
    """训练模式处理各批量；返回 {各步输出, 滑动均值/方差, 推理输出, 最后一步的梯度}。"""
    layer = gluon.nn.BatchNorm(momentum=momentum, epsilon=eps, in_channels=batches[0].shape[1])
    layer.initialize(ctx=mx.cpu())
    layer.gamma.set_data(nd.array(gamma))
    layer.beta.set_data(nd.array(beta))
    outputs = []
    for x in batches:
        x = nd.array(x)
        x.attach_grad()
        with autograd.record():
            y = layer(x)
            loss = (y * nd.array(upstream)).sum()
        if backward:
            loss.backward()
        outputs.append(y.asnumpy())
    return {"outputs": outputs, "moving_mean": layer.running_mean.data().asnumpy(),
            "moving_var": layer.running_var.data().asnumpy(),
            "inference": layer(nd.array(batches[0])).asnumpy(), "dx": x.grad.asnumpy(),
            "dgamma": layer.gamma.grad().asnumpy(), "dbeta": layer.beta.grad().asnumpy()}


def numpy_reference(batches, gamma, beta, upstream, rho, eps, ddof=0):
    """同样的计算用 NumPy（float64）再做一遍：各步输出、滑动平均、推理输出、最后一步的梯度。"""
    mean, var, outputs = np.zeros(len(gamma)), np.ones(len(gamma)), []
    for x in batches:
        x = x.astype(np.float64)
        mu, v = x.mean(axis=0), x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(v + eps)
        outputs.append(gamma * x_hat + beta)
        mean = rho * mean + (1 - rho) * mu
        var = rho * var + (1 - rho) * x.var(axis=0, ddof=ddof)
    m = len(x)
    dgamma, dbeta = (upstream * x_hat).sum(axis=0), upstream.sum(axis=0)
    dx = gamma / (m * np.sqrt(v + eps)) * (m * upstream - dbeta - x_hat * dgamma)
    inference = gamma * (batches[0] - mean) / np.sqrt(var + eps) + beta
    return {"outputs": outputs, "moving_mean": mean, "moving_var": var, "inference": inference,
            "dx": dx, "dgamma": dgamma, "dbeta": dbeta}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=5, help="训练步数")
    parser.add_argument("--batch-size", type=positive_int, default=16, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.batch_size < 2:
        parser.error("--batch-size 至少为 2")
    rng = np.random.default_rng(args.seed)
    batches = [rng.normal(3, 2, size=(args.batch_size, 4)).astype(np.float32)
               for _ in range(args.steps)]
    gamma, beta = np.float32([1.5, 0.5, 2.0, 1.0]), np.float32([0.1, -0.2, 0.3, 0.0])
    upstream = rng.normal(size=batches[0].shape).astype(np.float32)
    out = gluon_batchnorm(batches, gamma, beta, upstream)

    ref = numpy_reference(batches, gamma, beta, upstream, RHO, EPS)
    unbiased = numpy_reference(batches, gamma, beta, upstream, RHO, EPS, ddof=1)["moving_var"]
    print("MXNet 的滑动方差:", np.array2string(out["moving_var"], precision=6))
    print(f"与有偏方差（除以 m）的滑动平均之差: {np.abs(out['moving_var'] - ref['moving_var']).max():.1e}")
    print(f"与无偏方差（除以 m-1）的滑动平均之差: {np.abs(out['moving_var'] - unbiased).max():.1e}")
    diffs = {"各步输出": max(np.abs(a - b).max() for a, b in zip(out["outputs"], ref["outputs"]))}
    for key, label in (("moving_mean", "滑动均值"), ("inference", "推理输出"), ("dx", "∂L/∂x"),
                       ("dgamma", "∂L/∂γ"), ("dbeta", "∂L/∂β")):
        diffs[label] = np.abs(out[key] - ref[key]).max()
    print("与 NumPy 实现的最大差: " + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items()))
    no_backward = gluon_batchnorm(batches, gamma, beta, upstream, backward=False)
    print("不调用 backward() 时的滑动均值:", np.array2string(no_backward["moving_mean"], precision=4))


if __name__ == "__main__":
    main()
