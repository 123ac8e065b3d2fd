# env: main
"""从零实现一个小卷积网络，识别 8×8 手写数字（也可以换成 Fashion-MNIST）。

结构：卷积 8@3×3 → ReLU → 卷积 16@3×3 → ReLU → 2×2 最大池化 → 展平 → 全连接 10（softmax）。
卷积都是步幅 1、填充 1，特征图大小不变。前向与反向全部手写，用 Adam 训练。
初始化、数据划分和小批量顺序与本章 Keras、Gluon 版本完全相同。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import DATASETS, DatasetError, load_digits_split, load_fashion_mnist


def load_data(dataset="digits", data_dir=None, seed=0):
    """NCHW 的 float32 图像（像素在 [0, 1]）与标签：digits 分层划分 75%/25%，Fashion-MNIST 用官方划分。"""
    X_tr, X_te, y_tr, y_te = (load_digits_split(test_size=0.25, seed=seed, scale="unit") if dataset == "digits"
                              else load_fashion_mnist(data_dir))
    side = int(round(np.sqrt(X_tr.shape[1])))
    return [X.reshape(-1, 1, side, side).astype(np.float32) for X in (X_tr, X_te)] + [y_tr, y_te]


def init_params(side=8, seed=0):
    """He 初始化：N(0, 2/输入数)，偏置为 0。卷积核 (输出通道, 输入通道, 3, 3)，全连接 (输入, 输出)。"""
    rng = np.random.default_rng(seed)
    layers = [((8, 1, 3, 3), 9, 8), ((16, 8, 3, 3), 72, 16), ((16 * (side // 2) ** 2, 10), 16 * (side // 2) ** 2, 10)]
    return [a.astype(np.float32) for shape, fan_in, n_out in layers
            for a in (rng.normal(0, np.sqrt(2 / fan_in), shape), np.zeros(n_out))]


def minibatches(n, batch_size, epoch, seed=0):
    """第 epoch 轮的小批量下标：每轮用 (seed, epoch) 重新打乱一次。"""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def conv(X, W, b):
    """3×3 卷积（步幅 1、填充 1）：Y = b + Σ_{u,v} X̃ 的平移片与 W[:, :, u, v] 的通道矩阵乘。"""
    Xp, (H, Wd) = np.pad(X, ((0, 0), (0, 0), (1, 1), (1, 1))), X.shape[2:]
    return sum(np.einsum("nchw,fc->nfhw", Xp[:, :, u:u + H, v:v + Wd], W[:, :, u, v])
               for u in range(3) for v in range(3)) + b[:, None, None]


def conv_backward(G, X, W):
    """返回 (∂L/∂X, ∂L/∂W, ∂L/∂b)，G = ∂L/∂Y。"""
    Xp, (H, Wd) = np.pad(X, ((0, 0), (0, 0), (1, 1), (1, 1))), X.shape[2:]
    dXp, dW = np.zeros_like(Xp), np.zeros_like(W)
    for u in range(3):
        for v in range(3):
            dW[:, :, u, v] = np.einsum("nfhw,nchw->fc", G, Xp[:, :, u:u + H, v:v + Wd])
            dXp[:, :, u:u + H, v:v + Wd] += np.einsum("nfhw,fc->nchw", G, W[:, :, u, v])
    return dXp[:, :, 1:-1, 1:-1], dW, G.sum(axis=(0, 2, 3))


def pool(A):
    """2×2 最大池化；同时返回每个窗口里最大值位置（并列时取按行优先的第一个）的独热掩码。"""
    N, C, H, W = A.shape
    R = A.reshape(N, C, H // 2, 2, W // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, H // 2, W // 2, 4)
    k = R.argmax(axis=-1)[..., None]
    return np.take_along_axis(R, k, -1)[..., 0], k == np.arange(4)


def unpool(G, mask):
    """池化的反向：梯度只送回最大值所在的位置。"""
    N, C, H, W = G.shape
    return (mask * G[..., None]).reshape(N, C, H, W, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, 2 * H, 2 * W)


def forward(params, X):
    W1, b1, W2, b2, W3, b3 = params
    Z1 = conv(X, W1, b1)
    Z2 = conv(np.maximum(Z1, 0), W2, b2)
    P, M = pool(np.maximum(Z2, 0))
    F = P.reshape(len(X), -1)                        # 展平：按 (通道, 行, 列) 的顺序
    return (Z1, Z2, M, F), F @ W3 + b3


def loss_and_grads(params, X, y):
    """平均交叉熵及其对 6 个参数的梯度（手写反向传播）。"""
    (Z1, Z2, M, F), logits = forward(params, X)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    G3, rows = e / e.sum(axis=1, keepdims=True), np.arange(len(X))
    loss = -np.mean(np.log(G3[rows, y] + 1e-12))
    G3[rows, y] -= 1
    G3 /= len(X)                                     # G3 = (P − Y) / m
    GP = (G3 @ params[4].T).reshape(len(X), 16, Z2.shape[2] // 2, -1)
    GZ2 = unpool(GP, M) * (Z2 > 0)
    GA1, dW2, db2 = conv_backward(GZ2, np.maximum(Z1, 0), params[2])
    _, dW1, db1 = conv_backward(GA1 * (Z1 > 0), X, params[0])
    return loss, [dW1, db1, dW2, db2, F.T @ G3, G3.sum(0)]


def train(X, y, epochs=10, batch_size=32, lr=0.003, seed=0, b1=0.9, b2=0.999, eps=1e-7):
    """Adam：m ← β₁m + (1−β₁)g，v ← β₂v + (1−β₂)g²，θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε)。"""
    params = init_params(X.shape[2], seed)
    ms, vs = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    history, t = [], 0
    for epoch in range(epochs):
        losses = []
        for idx in minibatches(len(X), batch_size, epoch, seed):
            loss, grads = loss_and_grads(params, X[idx], y[idx])
            losses.append(loss)
            t += 1
            alpha = np.float32(lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t))
            for p, g, m, v in zip(params, grads, ms, vs):
                m += (1 - b1) * (g - m)
                v += (1 - b2) * (g * g - v)
                p -= alpha * m / (np.sqrt(v) + eps)
        history.append(float(np.mean(losses)))       # 这一轮各小批量损失的平均
    return params, history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=DATASETS, default="digits", help="数据集")
    parser.add_argument("--data-dir", default=None, help="Fashion-MNIST 文件所在目录（默认读 MMDL_DATA_DIR）")
    parser.add_argument("--epochs", type=positive_int, default=10, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.003, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    try:
        X_tr, X_te, y_tr, y_te = load_data(args.dataset, args.data_dir, args.seed)
    except DatasetError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")

    params, history = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    pred = np.concatenate([forward(params, X_te[i:i + 500])[1].argmax(1) for i in range(0, len(X_te), 500)])
    print(f"最后一轮的训练损失: {history[-1]:.6f}")
    print(f"测试准确率: {(pred == y_te).mean():.4f}")
    print(f"卷积网络参数个数: {sum(p.size for p in params)}")
    print(f"感知机一章 MLP（64-64-10）参数个数: {64 * 64 + 64 + 64 * 10 + 10}")


if __name__ == "__main__":
    main()
