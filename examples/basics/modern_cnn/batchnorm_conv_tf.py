# env: main
"""Keras 的 BatchNormalization(axis=-1)、LayerNormalization、GroupNormalization 作用在 NHWC 特征图上。

axis 指的是“每个取值一组参数、一组统计量”的那一维：NHWC 布局的通道在最后，所以卷积后的批量归一化
用 axis=-1（默认值）。层归一化要对每个样本的 H×W×C 求统计量，须写 axis=[1, 2, 3]；默认的 axis=-1
只对每个像素的 C 个通道求统计量，是另一种运算。每一项都与按公式直接计算的结果比较。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_int


def norm(X, axes, eps):
    """按给定的轴求均值与（有偏）方差并标准化。"""
    mu, var = X.mean(axis=axes, keepdims=True), X.var(axis=axes, keepdims=True)
    return (X - mu) / np.sqrt(var + eps), mu, var


def keras_batchnorm(X, gamma, beta, upstream):
    """训练模式一步（含梯度），再用推理模式算一次；X 是 NHWC。"""
    layer = tf.keras.layers.BatchNormalization(axis=-1)
    layer.build(X.shape)
    layer.gamma.assign(gamma)
    layer.beta.assign(beta)
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=True)
        loss = tf.reduce_sum(y * upstream)
    dx, dgamma, dbeta = tape.gradient(loss, [x, layer.gamma, layer.beta])
    return {"train": y.numpy(), "infer": layer(x, training=False).numpy(), "momentum": layer.momentum,
            "epsilon": layer.epsilon, "moving_mean": layer.moving_mean.numpy(),
            "moving_var": layer.moving_variance.numpy(), "dx": dx.numpy(), "dgamma": dgamma.numpy(),
            "dbeta": dbeta.numpy()}


def keras_layernorm(X, axis):
    layer = tf.keras.layers.LayerNormalization(axis=axis)
    return layer(X).numpy(), tuple(layer.gamma.shape), layer.epsilon


def keras_groupnorm(X, groups):
    layer = tf.keras.layers.GroupNormalization(groups=groups)
    return layer(X).numpy(), tuple(layer.gamma.shape), layer.epsilon


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=positive_int, default=4, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    X = rng.normal(3, 2, size=(args.batch_size, 3, 5, 5))            # 与 NumPy 示例同样生成（NCHW）
    gamma, beta, R = rng.uniform(0.5, 2, 3), rng.normal(size=3), rng.normal(size=X.shape)
    Xt = np.transpose(X, (0, 2, 3, 1)).astype(np.float32)           # NCHW → NHWC
    Rt = np.transpose(R, (0, 2, 3, 1)).astype(np.float32)

    out = keras_batchnorm(Xt, gamma.astype(np.float32), beta.astype(np.float32), Rt)
    m, eps = out["momentum"], out["epsilon"]
    print(f"Keras 默认值: momentum={m}, epsilon={eps}")
    Xhat, mu, var = norm(Xt.astype(np.float64), (0, 1, 2), eps)
    print("按通道统计的批量均值:", np.round(mu.ravel(), 4))
    print(f"训练模式输出与 γ·x̂+β（对 N、H、W 求统计量）之差: {np.abs(out['train'] - (gamma * Xhat + beta)).max():.1e}")
    moving_mean, moving_var = (1 - m) * mu.ravel(), m * 1 + (1 - m) * var.ravel()
    print(f"一步后的滑动均值、滑动方差与公式之差: {np.abs(out['moving_mean'] - moving_mean).max():.1e}, "
          f"{np.abs(out['moving_var'] - moving_var).max():.1e}")
    infer = gamma * (Xt - moving_mean) / np.sqrt(moving_var + eps) + beta
    print(f"推理模式输出与滑动平均公式之差: {np.abs(out['infer'] - infer).max():.1e}")
    print(f"每个通道 ∂L/∂x 之和（应为 0）: {np.abs(out['dx'].sum(axis=(0, 1, 2))).max():.1e}")
    print(f"∂L/∂γ 与 Σ g·x̂ 之差: {np.abs(out['dgamma'] - (Rt * Xhat).sum(axis=(0, 1, 2))).max():.1e}")
    wrong = norm(Xt.astype(np.float64), (0, 2, 3), eps)[0]
    print(f"若误写 axis=1（把“高”当通道），输出与正确结果的最大差: "
          f"{np.abs(tf.keras.layers.BatchNormalization(axis=1)(Xt, training=True).numpy() - Xhat).max():.2f}"
          f"，与对 N、W、C 求统计量之差: "
          f"{np.abs(tf.keras.layers.BatchNormalization(axis=1)(Xt, training=True).numpy() - wrong).max():.1e}")

    print()
    y, shape, eps = keras_layernorm(Xt, [1, 2, 3])
    print(f"LayerNormalization(axis=[1, 2, 3])：γ 的形状 {shape}，epsilon={eps}，"
          f"与对每个样本 H×W×C 标准化之差: {np.abs(y - norm(Xt, (1, 2, 3), eps)[0]).max():.1e}")
    y, shape, eps = keras_layernorm(Xt, -1)
    print(f"LayerNormalization() 默认 axis=-1：γ 的形状 {shape}，与对每个像素的 C 个通道标准化之差: "
          f"{np.abs(y - norm(Xt, (3,), eps)[0]).max():.1e}，与 axis=[1, 2, 3] 的最大差: "
          f"{np.abs(y - norm(Xt, (1, 2, 3), eps)[0]).max():.2f}")
    X6 = np.transpose(rng.normal(size=(2, 6, 4, 4)), (0, 2, 3, 1)).astype(np.float32)
    y, shape, eps = keras_groupnorm(X6, 3)
    N, H, W, C = X6.shape
    expected = norm(X6.reshape(N, H, W, 3, C // 3), (1, 2, 4), eps)[0].reshape(X6.shape)
    print(f"GroupNormalization(groups=3)，6 个通道：γ 的形状 {shape}，epsilon={eps}，"
          f"与每组 2 个通道×H×W 标准化之差: {np.abs(y - expected).max():.1e}")


if __name__ == "__main__":
    main()
