# env: main
"""TensorFlow 的自动微分：同一个两层感知机，梯度交给 ``tf.GradientTape``。

网络结构、初始权重、批量顺序和学习率都与 NumPy 手写版本相同，并且全程使用 float64；
唯一的区别是梯度不再手写，而是由 ``tf.GradientTape`` 记录前向计算后自动求出。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split, one_hot


def init_params(n_in, n_hidden, n_out, seed=0):
    """与 NumPy 版本相同的初始化：N(0, 1/输入维数) 的权重、全 0 的偏置。"""
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0.0, np.sqrt(1.0 / n_in), (n_in, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W2": rng.normal(0.0, np.sqrt(1.0 / n_hidden), (n_hidden, n_out)),
            "b2": np.zeros(n_out)}


def logits(params, X):
    H = tf.tanh(tf.matmul(X, params["W1"]) + params["b1"])
    return tf.matmul(H, params["W2"]) + params["b2"]


def loss_fn(params, X, Y):
    """平均交叉熵（直接从 logits 计算，数值稳定）。"""
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(Y, logits(params, X)))


def loss_and_grads(params, X, Y):
    """给定 NumPy 参数与数据，返回损失与梯度（NumPy float64），供测试与 NumPy 版本对照。"""
    variables = {k: tf.Variable(v, dtype=tf.float64) for k, v in params.items()}
    with tf.GradientTape() as tape:
        loss = loss_fn(variables, tf.constant(X, tf.float64), tf.constant(Y, tf.float64))
    grads = tape.gradient(loss, variables)
    return float(loss), {k: g.numpy() for k, g in grads.items()}


def make_train_step(variables, lr):
    @tf.function
    def train_step(X, Y):
        with tf.GradientTape() as tape:
            loss = loss_fn(variables, X, Y)
        grads = tape.gradient(loss, variables)
        for name, var in variables.items():
            var.assign_sub(lr * grads[name])
        return loss
    return train_step


def accuracy(variables, X, y):
    return float(np.mean(np.argmax(logits(variables, X).numpy(), axis=1) == y))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元数")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.2, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X_train, X_test, y_train, y_test = load_digits_split(seed=args.seed)
    Y_train = one_hot(y_train, 10)
    variables = {k: tf.Variable(v, dtype=tf.float64)
                 for k, v in init_params(X_train.shape[1], args.hidden, 10, args.seed).items()}
    train_step = make_train_step(variables, tf.constant(args.lr, tf.float64))

    rng = np.random.default_rng(args.seed)           # 与 NumPy 版本相同的批量顺序
    for _ in range(args.epochs):
        order = rng.permutation(len(X_train))
        for start in range(0, len(X_train), args.batch_size):
            idx = order[start:start + args.batch_size]
            train_step(tf.constant(X_train[idx]), tf.constant(Y_train[idx]))
    print(f"训练准确率: {accuracy(variables, X_train, y_train):.4f}")
    print(f"测试准确率: {accuracy(variables, X_test, y_test):.4f}")


if __name__ == "__main__":
    main()
