# env: main
"""多分类逻辑回归的两种做法：一对其余（OvR）与 softmax 回归，在手写数字上从零实现。

一对其余为 K 个类别各训练一个二分类逻辑回归（sigmoid + 二元交叉熵），预测时取得分最高的类；
softmax 回归只训练一个模型，用 softmax 把 K 个得分变成一个概率分布，损失是多类交叉熵。
两者的梯度形式相同：∂L/∂W = Xᵀ(P − Y)/n，只是 P 的算法不同——
sigmoid 逐列独立计算，各类概率之和不必为 1；softmax 让各类互相竞争，概率之和恒为 1。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    """按行计算 softmax；先减去每行最大值，避免 exp 溢出（结果不变）。"""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def binary_cross_entropy(P, Y, eps=1e-12):
    """K 个二分类问题的平均二元交叉熵（OvR 的损失）。"""
    return float(-np.mean(np.sum(Y * np.log(P + eps) + (1 - Y) * np.log(1 - P + eps), axis=1)))


def cross_entropy(P, Y, eps=1e-12):
    """多类交叉熵 −(1/n)·Σᵢ log pᵢ,yᵢ（softmax 回归的损失）。"""
    return float(-np.mean(np.sum(Y * np.log(P + eps), axis=1)))


def fit(X, y, n_classes, kind, lr=2.0, epochs=300):
    """全批量梯度下降训练 kind ∈ {"ovr", "softmax"}，返回 (W, b, 每轮损失)。"""
    Y = np.eye(n_classes)[y]
    W = np.zeros((X.shape[1], n_classes))
    b = np.zeros(n_classes)
    link, loss_fn = (sigmoid, binary_cross_entropy) if kind == "ovr" else (softmax, cross_entropy)
    losses = []
    for _ in range(epochs):
        P = link(X @ W + b)
        losses.append(loss_fn(P, Y))
        W -= lr * X.T @ (P - Y) / len(X)     # 两种模型的梯度形式相同
        b -= lr * (P - Y).mean(axis=0)
    return W, b, losses


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="划分数据的随机种子")
    parser.add_argument("--lr", type=positive_float, default=2.0, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=300, help="梯度下降的轮数")
    args = parser.parse_args(argv)

    # 手写数字（8×8 像素，灰度 0~16 缩放到 0~1），按类别分层划分 75% 训练、25% 测试
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=args.seed, scale="unit")
    results = {}
    for kind in ("ovr", "softmax"):
        W, b, losses = fit(X_tr, y_tr, 10, kind, args.lr, args.epochs)
        P = (sigmoid if kind == "ovr" else softmax)(X_te @ W + b)
        results[kind] = (P, losses)
    P_ovr, P_soft = results["ovr"][0], results["softmax"][0]
    print(f"一对其余测试准确率: {(P_ovr.argmax(axis=1) == y_te).mean():.4f}")
    print(f"softmax 测试准确率: {(P_soft.argmax(axis=1) == y_te).mean():.4f}")
    print(f"一对其余概率之和与 1 的平均偏差: {np.abs(P_ovr.sum(axis=1) - 1).mean():.4f}")
    print(f"softmax 概率之和与 1 的平均偏差: {np.abs(P_soft.sum(axis=1) - 1).mean():.4f}")

    # 挑一个一对其余最拿不准的测试样本（最大得分最低），看两种模型给出的“概率”
    i = int(P_ovr.max(axis=1).argmin())
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8))
    for kind, name in (("ovr", "一对其余（二元交叉熵之和）"), ("softmax", "softmax（多类交叉熵）")):
        ax1.semilogy(results[kind][1], label=name)
    ax1.set_xlabel("轮数")
    ax1.set_ylabel("训练损失（对数刻度）")
    ax1.set_title("训练损失")
    ax1.legend()
    classes = np.arange(10)
    ax2.bar(classes - 0.2, P_ovr[i], width=0.4, label=f"一对其余（和 = {P_ovr[i].sum():.2f}）")
    ax2.bar(classes + 0.2, P_soft[i], width=0.4, label=f"softmax（和 = {P_soft[i].sum():.2f}）")
    ax2.set_xticks(classes)
    ax2.set_xlabel("类别")
    ax2.set_ylabel("输出概率")
    ax2.set_title(f"一个难分的测试样本（真实类别 {y_te[i]}）")
    ax2.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
