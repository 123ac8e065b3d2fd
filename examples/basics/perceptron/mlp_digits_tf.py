# env: main
"""Keras 实现多层感知机：64 → 64（ReLU）→ 10，小批量 SGD，识别手写数字。

模型用 keras.Sequential 搭建，compile 指定 SGD 与交叉熵（from_logits=True：
softmax 与交叉熵合并计算，数值更稳定）。为了与 NumPy、MXNet 版本逐步对照，
初始权重由 NumPy 生成后用 set_weights 装入，每轮把训练集按同样的顺序排好再交给 fit
（shuffle=False）。平时直接用 Keras 的初始化和 fit(shuffle=True) 即可。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def load_data(seed=0):
    """手写数字：像素缩放到 [0, 1]，按类别分层划分 75% 训练、25% 测试，转成 float32。"""
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=seed, scale="unit")
    return X_tr.astype(np.float32), X_te.astype(np.float32), y_tr, y_te


def init_params(sizes=(64, 64, 10), seed=0):
    """He 初始化：W ~ N(0, 2/输入维数)，偏置为 0。返回 [W1, b1, W2, b2]。"""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append(rng.normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out)).astype(np.float32))
        params.append(np.zeros(fan_out, dtype=np.float32))
    return params


def minibatches(n, batch_size, epoch, seed=0):
    """第 epoch 轮的小批量下标：每轮用 (seed, epoch) 重新打乱一次。"""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def build_model(lr):
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10),                  # 输出 logits，softmax 放进损失里
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model


def train(X, y, epochs=20, batch_size=32, lr=0.1, seed=0):
    """返回 (模型, 训练结束时在整个训练集上的损失)。"""
    model = build_model(lr)
    W1, b1, W2, b2 = init_params(seed=seed)
    model.layers[0].set_weights([W1, b1])
    model.layers[1].set_weights([W2, b2])
    for epoch in range(epochs):
        order = np.concatenate(minibatches(len(X), batch_size, epoch, seed))
        model.fit(X[order], y[order], batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    return model, model.evaluate(X, y, batch_size=len(X), verbose=0)[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    args = parser.parse_args(argv)

    X_tr, X_te, y_tr, y_te = load_data(args.seed)
    model, train_loss = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    _, test_acc = model.evaluate(X_te, y_te, verbose=0)
    print(f"训练损失: {train_loss:.6f}")
    print(f"测试准确率: {test_acc:.4f}")


if __name__ == "__main__":
    main()
