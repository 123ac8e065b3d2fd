# env: main
"""用 Keras 训练手写数字分类器：tf.data 供数据，compile 配置，fit 训练，evaluate 评估。

``compile`` 指定优化器、损失和指标；``fit`` 跑完整的训练循环（前向、求梯度、更新），
每轮结束在验证集上评估，返回的 ``History`` 记录了各轮指标，用来画训练曲线。
标签是整数 0–9，所以损失用 SparseCategoricalCrossentropy。
"""
import argparse

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def load_data(seed=0):
    x_train, x_test, y_train, y_test = load_digits_split(seed=seed, scale="unit")
    f32, i32 = np.float32, np.int32
    return x_train.astype(f32), x_test.astype(f32), y_train.astype(i32), y_test.astype(i32)


def to_dataset(x, y, batch_size, shuffle_seed=None):
    ds = tf.data.Dataset.from_tensor_slices((x, y))
    if shuffle_seed is not None:
        ds = ds.shuffle(len(x), seed=shuffle_seed)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)


def build_model(hidden=64):
    return keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(hidden, activation="relu"),
        layers.Dense(10),                    # 输出 logits，softmax 放进损失函数里
    ])


def train(epochs=10, batch_size=32, lr=0.01, seed=0):
    keras.utils.set_random_seed(seed)
    x_train, x_test, y_train, y_test = load_data(seed)
    model = build_model()
    model.compile(optimizer=keras.optimizers.Adam(lr),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    history = model.fit(to_dataset(x_train, y_train, batch_size, shuffle_seed=seed),
                        validation_data=to_dataset(x_test, y_test, 256),
                        epochs=epochs, verbose=0)
    test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
    return model, history.history, test_loss, test_acc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=10, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.01, help="Adam 学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    model, hist, test_loss, test_acc = train(args.epochs, args.batch_size, args.lr, args.seed)
    print(f"参数个数: {model.count_params()}")
    for i in range(args.epochs):
        print(f"第 {i + 1:2d} 轮  损失 {hist['loss'][i]:.4f}  训练准确率 {hist['accuracy'][i]:.4f}"
              f"  验证准确率 {hist['val_accuracy'][i]:.4f}")
    print(f"训练准确率: {hist['accuracy'][-1]:.4f}")
    print(f"测试损失: {test_loss:.4f}")
    print(f"测试准确率: {test_acc:.4f}")

    epochs = range(1, args.epochs + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    ax1.plot(epochs, hist["loss"], "o-", label="训练集")
    ax1.plot(epochs, hist["val_loss"], "s--", label="测试集")
    ax1.set_xlabel("轮数")
    ax1.set_ylabel("交叉熵损失")
    ax1.set_title("损失")
    ax1.legend()
    ax2.plot(epochs, hist["accuracy"], "o-", label="训练集")
    ax2.plot(epochs, hist["val_accuracy"], "s--", label="测试集")
    ax2.set_xlabel("轮数")
    ax2.set_ylabel("准确率")
    ax2.set_title("准确率")
    ax2.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
