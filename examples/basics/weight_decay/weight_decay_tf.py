# env: main
"""TensorFlow / Keras 里的权重衰减：``weight_decay`` 参数是解耦的衰减。

Keras 3 的优化器收到 ``weight_decay=λ`` 时，每一步先做 w ← w − ηλw，再按损失的梯度更新，
这正是 AdamW 的做法。另一种写法是把惩罚项加进损失：注意 ``keras.regularizers.L2(c)``
算的是 c·‖w‖²（没有 1/2），要得到 λ/2·‖w‖² 须取 c = λ/2。本示例在同一串小批量上比较：
普通 SGD 两种写法结果相同；带动量的 SGD 与 Adam 两种写法结果不同：动量缓冲区里
累积的是 ∇L 还是 ∇L + λw，决定了两者是否等价。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n=200, scales=(0.1, 1.0, 10.0), seed=0):
    """与 NumPy 示例相同的数据：y = x·(1, 1, 1) + 噪声。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(scales))) * np.asarray(scales)
    return X, X.sum(axis=1) + 0.1 * rng.normal(size=n)


def batches(n, batch_size, steps, seed=0):
    rng = np.random.default_rng([1, seed])
    return [rng.choice(n, batch_size, replace=False) for _ in range(steps)]


def run_keras(X, y, optimizer, lam_in_loss, index_batches, w0):
    """用 Keras 优化器最小化 1/(2n)‖Xw − y‖²（可选再加 L2(λ/2) 惩罚），返回最终 w。"""
    w = tf.Variable(np.asarray(w0, dtype=np.float64))
    penalty = tf.keras.regularizers.L2(lam_in_loss / 2)     # c·‖w‖²，c = λ/2
    X, y = tf.constant(X), tf.constant(y)

    @tf.function
    def step(idx):
        with tf.GradientTape() as tape:
            Xb, yb = tf.gather(X, idx), tf.gather(y, idx)
            loss = tf.reduce_mean((tf.linalg.matvec(Xb, w) - yb) ** 2) / 2 + penalty(w)
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])

    for idx in index_batches:
        step(tf.constant(idx))
    return w.numpy()


def compare(X, y, lam, lr, index_batches, w0, betas=(0.9, 0.999), momentum=0.9):
    """返回 {名字: 最终 w}：SGD、动量 SGD 与 Adam 各用“损失里加 L2”和“优化器的 weight_decay”两种写法。"""
    keras = tf.keras.optimizers
    b1, b2 = betas
    return {
        "SGD + L2": run_keras(X, y, keras.SGD(lr), lam, index_batches, w0),
        "SGD(weight_decay)": run_keras(X, y, keras.SGD(lr, weight_decay=lam), 0.0,
                                       index_batches, w0),
        "动量 SGD + L2": run_keras(X, y, keras.SGD(lr, momentum), lam, index_batches, w0),
        "动量 SGD(weight_decay)": run_keras(X, y, keras.SGD(lr, momentum, weight_decay=lam), 0.0,
                                          index_batches, w0),
        "Adam + L2": run_keras(X, y, keras.Adam(lr, b1, b2), lam, index_batches, w0),
        "AdamW": run_keras(X, y, keras.AdamW(lr, lam, b1, b2), 0.0, index_batches, w0),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=nonnegative_float, default=0.3, help="正则化系数 λ")
    parser.add_argument("--lr", type=positive_float, default=0.005, help="学习率 η")
    parser.add_argument("--steps", type=positive_int, default=500, help="迭代步数")
    parser.add_argument("--batch-size", type=positive_int, default=20, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, y = make_data(seed=args.seed)
    if args.batch_size > len(y):
        parser.error(f"--batch-size 不能超过样本数 {len(y)}")
    index_batches = batches(len(y), args.batch_size, args.steps, args.seed)

    w = compare(X, y, args.lam, args.lr, index_batches, np.full(3, 0.5))
    for name, value in w.items():
        print(f"{name} 的权重:", np.array2string(value, precision=4))
    print(f"SGD：L2 与 weight_decay 的最大差异: {np.abs(w['SGD + L2'] - w['SGD(weight_decay)']).max():.1e}")
    print(f"动量 SGD：L2 与 weight_decay 的最大差异: "
          f"{np.abs(w['动量 SGD + L2'] - w['动量 SGD(weight_decay)']).max():.4f}")
    print(f"Adam：L2 与 AdamW 的最大差异: {np.abs(w['Adam + L2'] - w['AdamW']).max():.4f}")


if __name__ == "__main__":
    main()
