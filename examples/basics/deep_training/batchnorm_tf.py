# env: main
"""Keras 的 ``BatchNormalization``：默认 momentum=0.99、epsilon=1e-3，滑动方差用有偏方差。

训练模式（``training=True``，``fit`` 里自动如此）下用批量统计量标准化，并更新
moving = momentum·moving + (1−momentum)·batch；推理模式用滑动平均。本示例连续喂 N 个批量，
把 Keras 的滑动方差与两种算法（除以 N 或 N−1）比较，再核对推理输出与梯度。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_int


def keras_batchnorm(batches, gamma, beta, upstream, momentum=0.99, eps=1e-3):
    """训练模式处理各批量；返回 {各步输出, 滑动均值/方差, 推理输出, 最后一步的梯度}。"""
    layer = tf.keras.layers.BatchNormalization(momentum=momentum, epsilon=eps)
    layer.build((None, batches[0].shape[1]))
    layer.gamma.assign(gamma)
    layer.beta.assign(beta)
    outputs = []
    for x in batches:
        x = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = layer(x, training=True)
            loss = tf.reduce_sum(y * upstream)
        dx, dgamma, dbeta = tape.gradient(loss, [x, layer.gamma, layer.beta])
        outputs.append(y.numpy())
    return {"outputs": outputs, "moving_mean": layer.moving_mean.numpy(),
            "moving_var": layer.moving_variance.numpy(),
            "inference": layer(tf.constant(batches[0]), training=False).numpy(),
            "dx": dx.numpy(), "dgamma": dgamma.numpy(), "dbeta": dbeta.numpy()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=5, help="训练步数 N")
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
    out = keras_batchnorm(batches, gamma, beta, upstream)

    m = 0.99
    biased, unbiased, mean = np.ones(4), np.ones(4), np.zeros(4)
    for x in batches:
        mean = m * mean + (1 - m) * x.mean(axis=0)
        biased = m * biased + (1 - m) * x.var(axis=0)
        unbiased = m * unbiased + (1 - m) * x.var(axis=0, ddof=1)
    print("Keras 的滑动方差:", np.array2string(out["moving_var"], precision=6))
    print(f"与有偏方差（除以 N）的滑动平均之差: {np.abs(out['moving_var'] - biased).max():.1e}")
    print(f"与无偏方差（除以 N-1）的滑动平均之差: {np.abs(out['moving_var'] - unbiased).max():.1e}")
    print(f"滑动均值与公式之差: {np.abs(out['moving_mean'] - mean).max():.1e}")
    expected = gamma * (batches[0] - mean) / np.sqrt(biased + 1e-3) + beta
    print(f"推理输出与 γ(x-滑动均值)/√(滑动方差+ε)+β 之差: {np.abs(out['inference'] - expected).max():.1e}")
    print(f"∂L/∂β 与 Σ∂L/∂y 之差: {np.abs(out['dbeta'] - upstream.sum(axis=0)).max():.1e}")


if __name__ == "__main__":
    main()
