# env: main
"""暂退法与过拟合：只用 200 张手写数字训练一个很宽的多层感知机，比较加不加暂退法。

网络是 64-256-256-10，ReLU 隐藏层，softmax 输出，交叉熵损失，小批量 SGD。训练样本很少时，
不加暂退法的网络很快把训练损失降到接近 0，验证损失停在高得多的地方。两个隐藏层后各加一个
p = 0.5 的倒置暂退法后，最低的验证损失低一些，验证准确率却没有提高。推理时不丢弃，
也不需要任何缩放。本示例打印两者的训练损失、验证损失和验证准确率，并画出训练与验证曲线。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int, probability
from mmdl.data import load_digits_split


def init_params(sizes, rng):
    """He 初始化的权重与全零偏置。"""
    return [(rng.normal(0, np.sqrt(2 / m), (m, n)), np.zeros(n)) for m, n in zip(sizes, sizes[1:])]


def forward(params, X, p=0.0, rng=None):
    """返回 logits 与反向传播需要的缓存；p > 0 且给了 rng 时在每个隐藏层后做倒置暂退法。"""
    h, cache = X, []
    for W, b in params[:-1]:
        z = h @ W + b
        mask = (z > 0) / 1.0
        if p > 0 and rng is not None:
            mask = mask * (rng.random(z.shape) >= p) / (1 - p)     # ReLU 与暂退法的掩码合在一起
        cache.append((h, mask))
        h = z * mask
    W, b = params[-1]
    cache.append((h, None))
    return h @ W + b, cache


def cross_entropy(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(y)), y].mean(), np.exp(logp)


def sgd_step(params, X, y, lr, p, rng):
    logits, cache = forward(params, X, p, rng)
    _, prob = cross_entropy(logits, y)
    delta = prob
    delta[np.arange(len(y)), y] -= 1
    delta /= len(y)
    for i in reversed(range(len(params))):
        W, b = params[i]
        h, _ = cache[i]
        grad_W, grad_b = h.T @ delta, delta.sum(axis=0)
        if i > 0:
            delta = (delta @ W.T) * cache[i - 1][1]
        params[i] = (W - lr * grad_W, b - lr * grad_b)


def train(X, y, X_val, y_val, p, epochs, lr, batch_size=20, hidden=256, seed=0):
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1], hidden, hidden, 10], rng)
    history = {k: [] for k in ("train_loss", "val_loss", "train_acc", "val_acc")}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            sgd_step(params, X[idx], y[idx], lr, p, rng)
        for name, (A, b) in (("train", (X, y)), ("val", (X_val, y_val))):
            loss, prob = cross_entropy(forward(params, A)[0], b)       # 推理：不丢弃
            history[f"{name}_loss"].append(loss)
            history[f"{name}_acc"].append(np.mean(prob.argmax(axis=1) == b))
    return history


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-train", type=positive_int, default=200, help="训练样本数")
    parser.add_argument("--p", type=probability, default=0.5, help="暂退法的丢弃概率")
    parser.add_argument("--epochs", type=positive_int, default=60, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_train, X_val, y_train, y_val = load_digits_split(seed=args.seed, scale="unit")
    if args.n_train > len(X_train):
        parser.error(f"--n-train 不能超过 {len(X_train)}")
    X, y = X_train[:args.n_train], y_train[:args.n_train]
    print(f"训练样本: {len(X)}, 验证样本: {len(X_val)}")

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.6))
    epochs = np.arange(1, args.epochs + 1)
    for p, color in ((0.0, "C0"), (args.p, "C1")):
        h = train(X, y, X_val, y_val, p, args.epochs, args.lr, seed=args.seed)
        name = "不加暂退法" if p == 0 else f"暂退法 p={p:g}"
        print(f"{name}: 训练损失 {h['train_loss'][-1]:.4f}, 验证损失 {h['val_loss'][-1]:.4f}, "
              f"最低验证损失 {min(h['val_loss']):.4f}, 验证准确率 {h['val_acc'][-1]:.4f}")
        ax_loss.semilogy(epochs, h["train_loss"], color=color, linestyle="--", label=f"{name}（训练）")
        ax_loss.semilogy(epochs, h["val_loss"], color=color, label=f"{name}（验证）")
        ax_acc.plot(epochs, h["val_acc"], color=color, label=name)
    ax_loss.set_title("交叉熵损失（对数坐标）")
    ax_acc.set_title("验证准确率")
    for ax in (ax_loss, ax_acc):
        ax.set_xlabel("轮数（epoch）")
        ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
