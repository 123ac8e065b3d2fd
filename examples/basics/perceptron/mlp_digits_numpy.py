# env: main
"""从零实现多层感知机：64 → 64（ReLU）→ 10（softmax），小批量 SGD，识别手写数字。

前向：H = ReLU(XW₁ + b₁)，P = softmax(HW₂ + b₂)；损失为平均交叉熵。
反向（链式法则）：G₂ = (P − Y)/m，∂L/∂W₂ = HᵀG₂，G₁ = G₂W₂ᵀ ⊙ [XW₁ + b₁ > 0]，∂L/∂W₁ = XᵀG₁。
初始化、数据划分和每轮的小批量顺序都由 NumPy 按固定种子生成，
与本章 TensorFlow（Keras）和 MXNet 版本完全相同，三者的训练结果应当一致。
"""
import argparse

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
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


def forward(params, X):
    W1, b1, W2, b2 = params
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0)
    logits = H @ W2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return Z1, H, e / e.sum(axis=1, keepdims=True)


def loss_and_grads(params, X, y):
    """平均交叉熵及其对四个参数的梯度（手写反向传播）。"""
    W1, b1, W2, b2 = params
    Z1, H, P = forward(params, X)
    m = len(X)
    loss = -np.mean(np.log(P[np.arange(m), y] + 1e-12))
    G2 = P.copy()
    G2[np.arange(m), y] -= 1
    G2 /= m
    G1 = (G2 @ W2.T) * (Z1 > 0)
    return loss, [X.T @ G1, G1.sum(axis=0), H.T @ G2, G2.sum(axis=0)]


def train(X, y, epochs=20, batch_size=32, lr=0.1, seed=0):
    """返回 (参数, 每轮结束时在整个训练集上的损失)。"""
    params = init_params(seed=seed)
    history = []
    for epoch in range(epochs):
        for idx in minibatches(len(X), batch_size, epoch, seed):
            _, grads = loss_and_grads(params, X[idx], y[idx])
            params = [p - np.float32(lr) * g for p, g in zip(params, grads)]
        history.append(float(loss_and_grads(params, X, y)[0]))
    return params, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    args = parser.parse_args(argv)

    X_tr, X_te, y_tr, y_te = load_data(args.seed)
    params, history = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    print(f"训练损失: {history[-1]:.6f}")
    print(f"测试准确率: {(forward(params, X_te)[2].argmax(axis=1) == y_te).mean():.4f}")

    plt.plot(range(1, len(history) + 1), history, "o-")
    plt.gca().xaxis.set_major_locator(MaxNLocator(integer=True))
    plt.xlabel("轮数")
    plt.ylabel("训练集上的平均交叉熵")
    plt.title("NumPy MLP 的训练损失")
    plt.show()


if __name__ == "__main__":
    main()
