# env: main
"""Keras 建模的两种写法：Sequential 与函数式（functional）API。

Sequential 适合一层接一层的网络；函数式 API 把层当作函数作用在张量上，可以表达
分支、跳连、多输入多输出。同一结构用两种写法搭出来、复制同样的权重，输出必须
完全相同。全连接层 n→h 的参数个数是 n·h + h。
"""
import argparse

import keras
import numpy as np
from keras import layers

from mmdl.cli import nonnegative_int, positive_int


def sequential_mlp(inputs, hidden, classes):
    return keras.Sequential([
        keras.Input(shape=(inputs,)),
        layers.Dense(hidden, activation="relu"),
        layers.Dense(classes, activation="softmax"),
    ], name="sequential_mlp")


def functional_mlp(inputs, hidden, classes):
    x_in = keras.Input(shape=(inputs,))
    h = layers.Dense(hidden, activation="relu")(x_in)
    out = layers.Dense(classes, activation="softmax")(h)
    return keras.Model(x_in, out, name="functional_mlp")


def residual_mlp(inputs, hidden, classes):
    """Sequential 写不出来的结构：隐藏层之间加一条跳连 h + g(h)。"""
    x_in = keras.Input(shape=(inputs,))
    h = layers.Dense(hidden, activation="relu")(x_in)
    g = layers.Dense(hidden, activation="relu")(h)
    out = layers.Dense(classes, activation="softmax")(layers.Add()([h, g]))
    return keras.Model(x_in, out, name="residual_mlp")


def dense_params(n, h):
    """全连接层 n→h 的参数个数。"""
    return n * h + h


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=positive_int, default=64, help="输入特征数")
    parser.add_argument("--hidden", type=positive_int, default=32, help="隐藏单元数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    keras.utils.set_random_seed(args.seed)
    n, h, k = args.inputs, args.hidden, 10

    seq = sequential_mlp(n, h, k)
    fun = functional_mlp(n, h, k)
    res = residual_mlp(n, h, k)
    for model in (seq, fun, res):
        names = " → ".join(type(layer).__name__ for layer in model.layers)
        print(f"{model.name} 的层: {names}")
    print(f"Sequential 参数个数: {seq.count_params()}")
    print(f"函数式参数个数: {fun.count_params()}")
    print(f"公式 (n·h + h) + (h·k + k): {dense_params(n, h) + dense_params(h, k)}")
    print(f"跳连模型参数个数: {res.count_params()}")
    print(f"公式 (n·h + h) + (h·h + h) + (h·k + k): "
          f"{dense_params(n, h) + dense_params(h, h) + dense_params(h, k)}")

    fun.set_weights(seq.get_weights())       # 两个模型用同一组权重
    x = np.random.default_rng(args.seed).normal(size=(5, n)).astype("float32")
    p_seq = seq.predict(x, verbose=0)
    p_fun = fun.predict(x, verbose=0)
    print(f"两种写法输出的最大差异: {np.abs(p_seq - p_fun).max():.1e}")
    print(f"每行概率之和: {np.round(p_seq.sum(axis=1), 6).tolist()}")


if __name__ == "__main__":
    main()
