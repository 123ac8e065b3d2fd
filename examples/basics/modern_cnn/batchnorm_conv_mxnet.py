# env: mxnet
"""Gluon 的 BatchNorm(axis=1)、LayerNorm、GroupNorm 作用在 NCHW 特征图上。

Gluon 默认 NCHW，通道在第 1 维，所以卷积后的批量归一化用 axis=1（默认值）。nn.LayerNorm 只对
一个轴（默认最后一维，在 NCHW 里是“宽”）求统计量；对每个样本的 C×H×W 标准化要用 GroupNorm(num_groups=1)。
滑动平均在 backward() 时才更新。每一项都与按公式直接计算的结果比较。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_int


def norm(X, axes, eps):
    mu, var = X.mean(axis=axes, keepdims=True), X.var(axis=axes, keepdims=True)
    return (X - mu) / np.sqrt(var + eps), mu, var


def gluon_batchnorm(X, gamma, beta, upstream):
    """训练模式一步（含梯度与滑动平均的更新），再用推理模式算一次；X 是 NCHW。"""
    layer = gluon.nn.BatchNorm(axis=1, in_channels=X.shape[1])
    layer.initialize()
    layer.gamma.set_data(nd.array(gamma))
    layer.beta.set_data(nd.array(beta))
    x = nd.array(X)
    x.attach_grad()
    with autograd.record():
        y = layer(x)
        loss = (y * nd.array(upstream)).sum()
    loss.backward()
    params = layer._kwargs
    return {"train": y.asnumpy(), "infer": layer(x).asnumpy(), "momentum": params["momentum"],
            "epsilon": params["eps"], "moving_mean": layer.running_mean.data().asnumpy(),
            "moving_var": layer.running_var.data().asnumpy(), "dx": x.grad.asnumpy(),
            "dgamma": layer.gamma.grad().asnumpy(), "dbeta": layer.beta.grad().asnumpy()}


def gluon_norm(layer, X):
    layer.initialize()
    return layer(nd.array(X)).asnumpy(), layer.gamma.shape, layer._kwargs["eps"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=positive_int, default=4, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    mx.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    X = rng.normal(3, 2, size=(args.batch_size, 3, 5, 5))            # 与 NumPy 示例同样生成（NCHW）
    gamma, beta, R = rng.uniform(0.5, 2, 3), rng.normal(size=3), rng.normal(size=X.shape)
    X, R = X.astype(np.float32), R.astype(np.float32)

    out = gluon_batchnorm(X, gamma, beta, R)
    m, eps = out["momentum"], out["epsilon"]
    print(f"Gluon 默认值: momentum={m}, epsilon={eps}")
    Xhat, mu, var = norm(X.astype(np.float64), (0, 2, 3), eps)
    g, b = gamma[:, None, None], beta[:, None, None]
    print("按通道统计的批量均值:", np.round(mu.ravel(), 4))
    print(f"训练模式输出与 γ·x̂+β（对 N、H、W 求统计量）之差: {np.abs(out['train'] - (g * Xhat + b)).max():.1e}")
    moving_mean, moving_var = (1 - m) * mu.ravel(), m * 1 + (1 - m) * var.ravel()
    print(f"一步后的滑动均值、滑动方差与公式之差: {np.abs(out['moving_mean'] - moving_mean).max():.1e}, "
          f"{np.abs(out['moving_var'] - moving_var).max():.1e}")
    infer = g * (X - moving_mean[:, None, None]) / np.sqrt(moving_var[:, None, None] + eps) + b
    print(f"推理模式输出与滑动平均公式之差: {np.abs(out['infer'] - infer).max():.1e}")
    print(f"每个通道 ∂L/∂x 之和（应为 0）: {np.abs(out['dx'].sum(axis=(0, 2, 3))).max():.1e}")
    print(f"∂L/∂γ 与 Σ g·x̂ 之差: {np.abs(out['dgamma'] - (R * Xhat).sum(axis=(0, 2, 3))).max():.1e}")

    print()
    y, shape, eps = gluon_norm(gluon.nn.LayerNorm(in_channels=5), X)
    print(f"nn.LayerNorm() 默认 axis=-1：γ 的形状 {shape}，epsilon={eps}，与对每行的 W 个元素标准化之差: "
          f"{np.abs(y - norm(X, (3,), eps)[0]).max():.1e}")
    y, shape, eps = gluon_norm(gluon.nn.GroupNorm(num_groups=1), X)
    print(f"nn.GroupNorm(num_groups=1)：γ 的形状 {shape}，epsilon={eps}，与对每个样本 C×H×W 标准化之差: "
          f"{np.abs(y - norm(X, (1, 2, 3), eps)[0]).max():.1e}")
    X6 = rng.normal(size=(2, 6, 4, 4)).astype(np.float32)
    y, shape, eps = gluon_norm(gluon.nn.GroupNorm(num_groups=3), X6)
    N, C, H, W = X6.shape
    expected = norm(X6.reshape(N, 3, C // 3, H, W), (2, 3, 4), eps)[0].reshape(X6.shape)
    print(f"nn.GroupNorm(num_groups=3)，6 个通道：γ 的形状 {shape}，"
          f"与每组 2 个通道×H×W 标准化之差: {np.abs(y - expected).max():.1e}")


if __name__ == "__main__":
    main()
