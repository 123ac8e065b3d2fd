# env: main
"""Keras 的分类损失：交叉熵（from_logits=True）、Hinge 与 KLDivergence。

参数顺序是 (y_true, y_pred)。``from_logits=True`` 让 Keras 直接从 logits 计算，内部同样用
softplus / log-sum-exp，数值稳定。``Hinge`` 会把 0/1 标签自动换成 −1/+1；``KLDivergence``
的 y_pred 要求是概率（内部先截断到 [1e-7, 1]），所以这里传 softmax(z)。损失对象默认按
floatx（float32）计算，这里传 ``dtype="float64"``。
"""
import argparse

import keras
import numpy as np
import tensorflow as tf

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


def keras_losses(z_bin, y_bin, z, labels, p):
    """返回 {名字: (损失值, 对 logits 的梯度)}，梯度由 GradientTape 求出。"""
    L, f64 = keras.losses, {"dtype": "float64"}
    table = {  # 名字: (损失函数, 目标, logits)
        "BCE": (L.BinaryCrossentropy(from_logits=True, **f64), y_bin, z_bin),
        "CE": (L.SparseCategoricalCrossentropy(from_logits=True, **f64), labels, z),
        "CE_onehot": (L.CategoricalCrossentropy(from_logits=True, **f64),
                      np.eye(z.shape[1])[labels], z),
        "SoftCE": (L.CategoricalCrossentropy(from_logits=True, **f64), p, z),
        "Hinge": (L.Hinge(**f64), y_bin, z_bin),  # 0/1 标签，Keras 内部换成 ±1
        "KL": (lambda t, q: L.KLDivergence(**f64)(t, tf.nn.softmax(q)), p, z),
    }
    out = {}
    for name, (fn, target, logits) in table.items():
        x = tf.Variable(logits, dtype=tf.float64)
        with tf.GradientTape() as tape:
            value = fn(tf.constant(target, tf.float64), x)
        out[name] = (float(value), tape.gradient(value, x).numpy())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=8, help="批大小")
    args = parser.parse_args(argv)
    v = keras_losses(*make_batch(args.n))
    print(f"二元交叉熵: {v['BCE'][0]:.6f}")
    print(f"多类交叉熵: {v['CE'][0]:.6f}")
    print(f"多类交叉熵（one-hot 标签）: {v['CE_onehot'][0]:.6f}")
    print(f"Hinge 损失: {v['Hinge'][0]:.6f}")
    print(f"KL 散度: {v['KL'][0]:.6f}")
    print(f"软标签交叉熵: {v['SoftCE'][0]:.6f}")


if __name__ == "__main__":
    main()
