# env: main
"""手写反向传播：两层感知机（tanh 隐藏层 + softmax 输出）在 digits 上训练。

前向传播逐层计算并保存中间结果，反向传播按链式法则从损失往回算出 δ 与每个参数的梯度，
全部用 NumPy 写成。训练之前先用中心差分做一次梯度检验：两种方法算出的梯度应当在
舍入误差范围内一致。最后画出每一轮的训练与测试准确率。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split, one_hot


def init_params(n_in, n_hidden, n_out, seed=0):
    """权重服从 N(0, 1/输入维数)，偏置为 0（TF、MXNet 版本用同样的代码初始化）。"""
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0.0, np.sqrt(1.0 / n_in), (n_in, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W2": rng.normal(0.0, np.sqrt(1.0 / n_hidden), (n_hidden, n_out)),
            "b2": np.zeros(n_out)}


def forward(params, X):
    """返回 logits 与反向传播需要的中间结果 H。"""
    H = np.tanh(X @ params["W1"] + params["b1"])
    return H @ params["W2"] + params["b2"], H


def loss_and_grads(params, X, Y):
    """平均交叉熵损失及其对四个参数的梯度（Y 为独热矩阵）。"""
    Z2, H = forward(params, X)
    Z2 = Z2 - Z2.max(axis=1, keepdims=True)                  # 数值稳定的 softmax
    log_P = Z2 - np.log(np.exp(Z2).sum(axis=1, keepdims=True))
    n = X.shape[0]
    loss = -np.sum(Y * log_P) / n
    delta2 = (np.exp(log_P) - Y) / n                          # ∂L/∂Z2
    delta1 = (delta2 @ params["W2"].T) * (1.0 - H ** 2)       # ∂L/∂Z1
    grads = {"W2": H.T @ delta2, "b2": delta2.sum(axis=0),
             "W1": X.T @ delta1, "b1": delta1.sum(axis=0)}
    return loss, grads


def numerical_grads(params, X, Y, h=1e-6):
    """中心差分 (L(θ+h) − L(θ−h)) / 2h，逐个参数分量计算。"""
    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + h
            plus = loss_and_grads(params, X, Y)[0]
            value[i] = old - h
            minus = loss_and_grads(params, X, Y)[0]
            value[i] = old
            g[i] = (plus - minus) / (2 * h)
        grads[name] = g
    return grads


def relative_error(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), 1e-300))


def accuracy(params, X, y):
    return float(np.mean(np.argmax(forward(params, X)[0], axis=1) == y))


def train(params, X, y, X_test, y_test, epochs, lr, batch_size, seed=0):
    """小批量 SGD；每轮打乱顺序（TF、MXNet 版本用同样的顺序）。返回每轮的准确率。"""
    rng = np.random.default_rng(seed)
    Y = one_hot(y, params["b2"].shape[0])
    history = {"train": [], "test": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            _, grads = loss_and_grads(params, X[idx], Y[idx])
            for name in params:
                params[name] -= lr * grads[name]
        history["train"].append(accuracy(params, X, y))
        history["test"].append(accuracy(params, X_test, y_test))
    return history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元数")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.2, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X_train, X_test, y_train, y_test = load_digits_split(seed=args.seed)
    params = init_params(X_train.shape[1], args.hidden, 10, args.seed)

    # 梯度检验：小网络、小批量，反向传播与中心差分逐分量比较。
    small = init_params(X_train.shape[1], 5, 10, args.seed + 1)
    exact = loss_and_grads(small, X_train[:8], one_hot(y_train[:8], 10))[1]
    approx = numerical_grads(small, X_train[:8], one_hot(y_train[:8], 10))
    err = max(relative_error(exact[k], approx[k]) for k in small)
    print(f"梯度检验最大相对误差: {err:.1e}")

    history = train(params, X_train, y_train, X_test, y_test,
                    args.epochs, args.lr, args.batch_size, args.seed)
    print(f"训练准确率: {history['train'][-1]:.4f}")
    print(f"测试准确率: {history['test'][-1]:.4f}")

    epochs = np.arange(1, args.epochs + 1)
    plt.plot(epochs, history["train"], "o-", label="训练集")
    plt.plot(epochs, history["test"], "s--", label="测试集")
    plt.xlabel("轮数（epoch）")
    plt.ylabel("准确率")
    plt.title("手写反向传播训练的两层感知机（digits）")
    plt.legend()
    plt.show()


if __name__ == "__main__":
    main()
