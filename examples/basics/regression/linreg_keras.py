# env: main
"""Keras 实现线性回归：一个 Dense(1) 层，compile 指定 SGD 与均方误差，fit 训练。

每个批次取全部样本（batch_size = n）、不打乱，于是 fit 的每一轮正好是一步批量梯度下降，
与 NumPy、GradientTape、MXNet 版本逐步一致。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2


def make_data(n=1000, noise=0.1, seed=0):
    """生成线性回归数据：y = X·w + b + 噪声，X 的每个元素服从标准正态分布。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    y = X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)
    return X.astype(np.float32), y.astype(np.float32)


def train(X, y, lr=0.1, epochs=100):
    """返回 (w, b, 最后一步之后的损失)。"""
    model = keras.Sequential([
        keras.Input(shape=(X.shape[1],)),
        keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    model.fit(X, y[:, None], batch_size=len(X), epochs=epochs, shuffle=False, verbose=0)
    kernel, bias = model.layers[0].get_weights()
    loss = model.evaluate(X, y[:, None], batch_size=len(X), verbose=0)
    return kernel[:, 0], float(bias[0]), float(loss)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="生成数据的随机种子")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=100, help="训练轮数（每轮一步）")
    args = parser.parse_args(argv)

    X, y = make_data(seed=args.seed)
    w, b, loss = train(X, y, args.lr, args.epochs)
    print(f"w1: {w[0]:.4f}")
    print(f"w2: {w[1]:.4f}")
    print(f"b: {b:.4f}")
    print(f"最终训练损失: {loss:.6f}")


if __name__ == "__main__":
    main()
