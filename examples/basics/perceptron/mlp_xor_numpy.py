# env: main
"""多层感知机解决 XOR：先手工搭一个两层阈值网络，再用反向传播训练一个小 MLP。

XOR = (x1 OR x2) AND (x1 NAND x2)：隐藏层的两个阈值单元分别算 OR 和 NAND，
输出单元再算 AND，单层感知机做不到的事两层就能做到。阈值函数的导数处处为 0，
没法用梯度训练，所以训练的网络把它换成可导的 tanh（隐藏层）和 sigmoid（输出层），
损失为二元交叉熵，用批量梯度下降更新全部权重。最后比较 20 个随机初始化下的成功率：
只有 2 个隐藏单元时，梯度下降常常失败（损失停在较高的值上不再下降）；隐藏单元多一些就容易得多。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0], dtype=float)


def step(z):
    return (np.asarray(z) > 0).astype(float)


def xor_by_hand(X):
    """手工设定权重的两层阈值网络：h1 = OR，h2 = NAND，输出 = AND(h1, h2)。"""
    h1 = step(X @ [1, 1] - 0.5)
    h2 = step(X @ [-1, -1] + 1.5)
    return step(h1 + h2 - 1.5)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params, X):
    W1, b1, W2, b2 = params
    H = np.tanh(X @ W1 + b1)
    return H, sigmoid(H @ W2 + b2)


def loss_and_grads(params, X, Y):
    """二元交叉熵及其对 [W1, b1, W2, b2] 的梯度（反向传播）。"""
    W1, b1, W2, b2 = params
    H, p = forward(params, X)
    loss = -np.mean(Y * np.log(p) + (1 - Y) * np.log(1 - p))
    d_out = (p - Y) / len(X)                         # 交叉熵对输出层净输入的梯度
    d_hidden = np.outer(d_out, W2) * (1 - H ** 2)    # 链式法则穿过 tanh
    return loss, [X.T @ d_hidden, d_hidden.sum(axis=0), H.T @ d_out, d_out.sum()]


def train_mlp(X, Y, hidden=8, lr=1.0, epochs=2000, seed=0):
    """随机初始化后做批量梯度下降，返回 (参数, 每轮损失)。"""
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 1, (2, hidden)), np.zeros(hidden), rng.normal(0, 1, hidden), 0.0]
    losses = []
    for _ in range(epochs):
        loss, grads = loss_and_grads(params, X, Y)
        params = [v - lr * g for v, g in zip(params, grads)]
        losses.append(loss)
    return params, losses


def success_rate(hidden, seeds, lr=1.0, epochs=2000):
    """用多个随机初始化训练，返回四个样本全部分对的比例。"""
    hits = [((forward(train_mlp(X, Y, hidden, lr, epochs, s)[0], X)[1] > 0.5) == Y).all()
            for s in seeds]
    return float(np.mean(hits))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="初始化的随机种子")
    parser.add_argument("--hidden", type=positive_int, default=8, help="隐藏单元数")
    parser.add_argument("--lr", type=positive_float, default=1.0, help="学习率")
    parser.add_argument("--epochs", type=positive_int, default=2000, help="训练轮数")
    args = parser.parse_args(argv)

    print(f"手工网络准确率: {(xor_by_hand(X) == Y).mean():.4f}")
    params, losses = train_mlp(X, Y, args.hidden, args.lr, args.epochs, args.seed)
    _, p = forward(params, X)
    for x, prob in zip(X.astype(int), p):
        print(f"输入 ({x[0]}, {x[1]}) 的输出概率: {prob:.4f}")
    print(f"训练后的 MLP 准确率: {((p > 0.5) == Y).mean():.4f}")
    print(f"最终损失: {losses[-1]:.4f}")
    for h in (2, args.hidden):
        rate = success_rate(h, range(20), args.lr, args.epochs)
        print(f"{h} 个隐藏单元时 20 个随机初始化的成功率: {rate:.2f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.semilogy(losses)
    ax1.set_xlabel("轮数")
    ax1.set_ylabel("交叉熵损失（对数刻度）")
    ax1.set_title("MLP 在 XOR 上的训练损失")
    g = np.linspace(-0.5, 1.5, 200)
    gx, gy = np.meshgrid(g, g)
    _, prob = forward(params, np.column_stack([gx.ravel(), gy.ravel()]))
    image = ax2.contourf(gx, gy, prob.reshape(gx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu_r")
    ax2.contour(gx, gy, prob.reshape(gx.shape), levels=[0.5], colors="black")
    for label, marker in ((0, "o"), (1, "s")):
        pts = X[Y == label]
        ax2.scatter(pts[:, 0], pts[:, 1], marker=marker, s=120, edgecolor="white",
                    color="tab:blue" if label == 0 else "tab:red", label=f"y = {label}")
    fig.colorbar(image, ax=ax2, label="输出 P(y = 1)")
    ax2.set_xlabel("x1")
    ax2.set_ylabel("x2")
    ax2.set_title("学到的决策区域（黑线：P = 0.5）")
    ax2.legend(loc="upper center", fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
