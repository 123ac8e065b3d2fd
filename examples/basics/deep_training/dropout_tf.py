# env: main
"""Keras 的 ``Dropout`` 层：training=True 时是倒置暂退法，training=False 时是恒等映射。

``model.fit`` 自动传 training=True，``model.predict``/``evaluate`` 传 False。输入取正数时，
输出中的 0 恰好标出被丢弃的位置，由此可以还原掩码，核对输出等于 x⊙ξ/(1−p)、
梯度等于 g⊙ξ/(1−p)。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, probability


def keras_dropout(x, upstream, p, seed=0):
    """返回 (训练模式输出, 梯度 ∂Σ(g⊙y)/∂x, 推理模式输出)。"""
    layer = tf.keras.layers.Dropout(p, seed=seed)
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x, training=True)
        loss = tf.reduce_sum(y * upstream)
    return y.numpy(), tape.gradient(loss, x).numpy(), layer(x, training=False).numpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=probability, default=0.5, help="丢弃概率 p")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    x = rng.uniform(0.5, 1.5, size=(2000, 100)).astype(np.float32)
    g = rng.normal(size=x.shape).astype(np.float32)

    y, grad, y_eval = keras_dropout(x, g, args.p, args.seed)
    mask = y != 0                                      # 输入全为正：输出为 0 处就是被丢弃的
    print("训练模式的输出:", np.array2string(y[0, :6], precision=3))
    print(f"保留的比例: {mask.mean():.4f}")
    print(f"输出与 x⊙ξ/(1-p) 的最大差异: {np.abs(y - x * mask / (1 - args.p)).max():.1e}")
    print(f"梯度与 g⊙ξ/(1-p) 的最大差异: {np.abs(grad - g * mask / (1 - args.p)).max():.1e}")
    print(f"推理模式与输入的最大差异: {np.abs(y_eval - x).max():g}")


if __name__ == "__main__":
    main()
