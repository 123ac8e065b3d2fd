# env: main
"""单层感知机：阈值激活 + 感知机学习规则，学会一张三输入的真值表。

输出 ŷ = step(w·x)，step(z) = 1（z > 0）否则 0；每个样本 x 的最后一维恒为 1，
对应的权重就是偏置。规则是 w ← w + η(y − ŷ)x：分对时不动，分错时把 w 往 x 的方向
（或反方向）推一步。数据线性可分时，感知机收敛定理保证更新次数不超过 (R/γ)²，
其中 R = maxᵢ‖xᵢ‖，γ 是某个单位分隔向量 u 的间隔 minᵢ (2yᵢ − 1)·u·xᵢ。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_float, positive_int

# 真值表：输入 (x1, x2, x3, 1)，目标 y = x2 AND (x1 OR x3)
X = np.array([[1, 1, 1, 1], [1, 1, 0, 1], [1, 0, 1, 1], [1, 0, 0, 1],
              [0, 1, 1, 1], [0, 1, 0, 1], [0, 0, 1, 1], [0, 0, 0, 1]], dtype=float)
Y = np.array([1, 1, 0, 0, 1, 0, 0, 0])
U = np.array([1.0, 2.0, 1.0, -2.5])   # 一个人工找到的分隔向量：x1 + 2·x2 + x3 > 2.5


def step(z):
    """阈值激活函数。"""
    return (np.asarray(z) > 0).astype(int)


def train_perceptron(X, Y, lr=1.0, max_epochs=100):
    """按固定顺序逐个样本更新，直到某一轮没有错误。返回 (w, 每轮错误数, 更新总次数, 是否收敛)。"""
    w = np.zeros(X.shape[1])
    errors, updates = [], 0
    for _ in range(max_epochs):
        mistakes = 0
        for x, y in zip(X, Y):
            delta = y - step(w @ x)
            if delta:
                w += lr * delta * x
                mistakes += 1
        errors.append(mistakes)
        updates += mistakes
        if mistakes == 0:
            return w, errors, updates, True
    return w, errors, updates, False


def novikoff_bound(X, Y, u):
    """用分隔向量 u 计算收敛定理的上界 (R/γ)²；u 分不开数据时返回 None。"""
    u = u / np.linalg.norm(u)
    gamma = np.min((2 * Y - 1) * (X @ u))
    if gamma <= 0:
        return None
    R = np.linalg.norm(X, axis=1).max()
    return (R / gamma) ** 2


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=1.0, help="学习率 η")
    parser.add_argument("--max-epochs", type=positive_int, default=100, help="最多训练的轮数")
    args = parser.parse_args(argv)

    w, errors, updates, converged = train_perceptron(X, Y, args.lr, args.max_epochs)
    print(f"收敛: {'是' if converged else '否'}")
    print(f"{'收敛轮数' if converged else '训练轮数'}: {len(errors)}")
    print(f"更新次数: {updates}")
    print(f"收敛定理上界: {novikoff_bound(X, Y, U):.1f}")
    print(f"训练准确率: {(step(X @ w) == Y).mean():.4f}")
    print("学到的权重 (w1, w2, w3, 偏置): " + ", ".join(f"{v:.2f}" for v in w))

    epochs = np.arange(1, len(errors) + 1)
    plt.bar(epochs, errors)
    plt.xticks(epochs)
    plt.yticks(range(max(errors) + 1))
    plt.xlabel("轮数（每轮把 8 个样本各看一遍）")
    plt.ylabel("这一轮分错（并更新）的样本数")
    plt.title("感知机在真值表上的训练：错误数降到 0 即收敛")
    plt.show()


if __name__ == "__main__":
    main()
