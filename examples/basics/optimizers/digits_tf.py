# env: main
"""七种 Keras 优化器训练同一个手写数字 MLP：训练损失曲线与测试准确率。

数据是 scikit-learn 自带的 8×8 手写数字（1797 张，无需下载），网络是 64-32-10 的 MLP。
所有优化器从同一组初始权重出发、按同一顺序看同样的小批量（权重与打乱顺序都由 NumPy
按固定种子生成），所以曲线的差别只来自更新规则。MXNet 版用同样的数据与初值。
"""
import argparse

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_int
from mmdl.data import load_digits_split

HYPER = {
    "SGD": dict(lr=0.2),
    "Momentum": dict(lr=0.02, momentum=0.9),  # 长期有效步长 η/(1−μ) = 0.2，与 SGD 相同
    "Nesterov": dict(lr=0.02, momentum=0.9),
    "AdaGrad": dict(lr=0.05, eps=1e-7),
    "RMSProp": dict(lr=0.003, rho=0.9, eps=1e-7),
    "Adam": dict(lr=0.005, beta1=0.9, beta2=0.999, eps=1e-7),
    "AdamW": dict(lr=0.005, beta1=0.9, beta2=0.999, eps=1e-7, weight_decay=0.02),
}


def load_data(seed):
    Xtr, Xte, ytr, yte = load_digits_split(seed=seed)  # 分层划分，按训练集标准化
    return Xtr.astype(np.float32), ytr, Xte.astype(np.float32), yte


def init_weights(seed, sizes=(64, 32, 10)):
    """Glorot 均匀初始化，权重形状 (输入, 输出)，偏置为 0。"""
    rng = np.random.default_rng(seed)
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6 / (n_in + n_out))
        out += [rng.uniform(-limit, limit, (n_in, n_out)).astype(np.float32),
                np.zeros(n_out, np.float32)]
    return out


def make_optimizer(name, h):
    o = keras.optimizers
    table = {
        "SGD": lambda: o.SGD(h["lr"]),
        "Momentum": lambda: o.SGD(h["lr"], momentum=h["momentum"]),
        "Nesterov": lambda: o.SGD(h["lr"], momentum=h["momentum"], nesterov=True),
        "AdaGrad": lambda: o.Adagrad(h["lr"], initial_accumulator_value=0.0, epsilon=h["eps"]),
        "RMSProp": lambda: o.RMSprop(h["lr"], rho=h["rho"], epsilon=h["eps"]),
        "Adam": lambda: o.Adam(h["lr"], beta_1=h["beta1"], beta_2=h["beta2"], epsilon=h["eps"]),
        "AdamW": lambda: o.AdamW(h["lr"], weight_decay=h["weight_decay"],
                                 beta_1=h["beta1"], beta_2=h["beta2"], epsilon=h["eps"]),
    }
    return table[name]()


def train(name, data, epochs, batch_size, seed):
    """返回 (每轮结束时的训练损失列表, 测试准确率)。"""
    Xtr, ytr, Xte, yte = data
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(10)])
    model.set_weights(init_weights(seed))
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # 批内取平均
    opt = make_optimizer(name, HYPER[name])

    @tf.function(reduce_retracing=True)
    def step(xb, yb):
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, model(xb))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
                                model.trainable_variables))

    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(ytr))
        for i in range(0, len(ytr), batch_size):
            step(Xtr[order[i:i + batch_size]], ytr[order[i:i + batch_size]])
        losses.append(float(loss_fn(ytr, model(Xtr))))
    acc = float(np.mean(np.argmax(model(Xte).numpy(), axis=1) == yte))
    return losses, acc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=15, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=64, help="小批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    data = load_data(args.seed)
    for name in HYPER:
        losses, acc = train(name, data, args.epochs, args.batch_size, args.seed)
        print(f"{name} 训练损失: {losses[-1]:.4f}")
        print(f"{name} 测试准确率: {acc:.4f}")
        plt.semilogy(range(1, args.epochs + 1), losses, marker=".", label=name)
    plt.xlabel("轮数")
    plt.ylabel("训练集交叉熵（对数坐标）")
    plt.title("TensorFlow：手写数字 MLP 的训练损失")
    plt.legend(ncol=2)
    plt.show()


if __name__ == "__main__":
    main()
