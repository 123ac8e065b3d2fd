# env: main
"""批量归一化让深层网络更好训练：10 个隐藏层的多层感知机，比较有无批量归一化、三个学习率。

数据是 digits（标准化后的 8×8 像素），网络 64-(64×10)-10，ReLU，He 初始化，小批量 SGD。
加批量归一化的版本在每个线性层之后、ReLU 之前做批量归一化（此时线性层的偏置多余，由 β 代替）。
推理时批量归一化使用滑动平均（momentum 0.9）。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split

EPS, MOMENTUM = 1e-5, 0.9


def init(sizes, rng):
    layers = []
    for m, n in zip(sizes, sizes[1:]):
        layers.append({"W": rng.normal(0, np.sqrt(2 / m), (m, n)), "b": np.zeros(n),
                       "gamma": np.ones(n), "beta": np.zeros(n), "mean": np.zeros(n), "var": np.ones(n)})
    return layers


def forward(layers, X, use_bn, training):
    h, cache = X, []
    for i, L in enumerate(layers):
        z = h @ L["W"] + L["b"]
        last = i == len(layers) - 1
        bn = None
        if use_bn and not last:
            if training:
                mean, var = z.mean(axis=0), z.var(axis=0)
                L["mean"] = MOMENTUM * L["mean"] + (1 - MOMENTUM) * mean
                L["var"] = MOMENTUM * L["var"] + (1 - MOMENTUM) * var
            else:
                mean, var = L["mean"], L["var"]
            inv_std = 1 / np.sqrt(var + EPS)
            x_hat = (z - mean) * inv_std
            bn, z = (x_hat, inv_std), L["gamma"] * x_hat + L["beta"]
        cache.append((h, z, bn))
        h = z if last else np.maximum(z, 0)
    return h, cache


def softmax_ce(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(y)), y] + 1e-300)), p


def sgd_step(layers, X, y, lr, use_bn):
    logits, cache = forward(layers, X, use_bn, training=True)
    loss, p = softmax_ce(logits, y)
    d = p
    d[np.arange(len(y)), y] -= 1
    d /= len(y)
    for i in reversed(range(len(layers))):
        L, (h, z, bn) = layers[i], cache[i]
        if i < len(layers) - 1:
            d = d * (z > 0)                            # ReLU
            if bn is not None:                         # 批量归一化的反向（公式见正文）
                x_hat, inv_std = bn
                dgamma, dbeta = (d * x_hat).sum(axis=0), d.sum(axis=0)
                d = L["gamma"] * inv_std / len(d) * (len(d) * d - dbeta - x_hat * dgamma)
                L["gamma"] -= lr * dgamma
                L["beta"] -= lr * dbeta
        grad_W, grad_b = h.T @ d, d.sum(axis=0)
        d = d @ L["W"].T
        L["W"] -= lr * grad_W
        if bn is None:
            L["b"] -= lr * grad_b
    return loss


def train(X, y, X_val, y_val, use_bn, lr, epochs, depth=10, width=64, batch_size=64, seed=0):
    rng = np.random.default_rng(seed)
    layers = init([X.shape[1]] + [width] * depth + [10], rng)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        batch_losses = [sgd_step(layers, X[idx], y[idx], lr, use_bn)
                        for idx in np.array_split(order, len(X) // batch_size)]
        losses.append(np.mean(batch_losses) if np.all(np.isfinite(batch_losses)) else np.nan)
    with np.errstate(all="ignore"):
        acc = np.mean(forward(layers, X_val, use_bn, training=False)[0].argmax(axis=1) == y_val)
    return np.array(losses), acc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lrs", type=positive_float, nargs="+", default=[0.01, 0.1, 0.5],
                        help="要比较的学习率")
    parser.add_argument("--epochs", type=positive_int, default=15, help="训练轮数")
    parser.add_argument("--depth", type=positive_int, default=10, help="隐藏层数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, X_val, y, y_val = load_digits_split(seed=args.seed)

    fig, axes = plt.subplots(1, len(args.lrs), figsize=(3.2 * len(args.lrs), 3.4), sharey=True)
    axes = np.atleast_1d(axes)
    epochs = np.arange(1, args.epochs + 1)
    for ax, lr in zip(axes, args.lrs):
        for use_bn, name in ((False, "无批量归一化"), (True, "有批量归一化")):
            with np.errstate(all="ignore"):
                losses, acc = train(X, y, X_val, y_val, use_bn, lr, args.epochs, args.depth, seed=args.seed)
            print(f"学习率 {lr:g} {name}: 末轮训练损失 {losses[-1]:.4f}, 验证准确率 {acc:.4f}")
            ax.semilogy(epochs, losses, label=name)
        ax.set_title(f"学习率 {lr:g}")
        ax.set_xlabel("轮数（epoch）")
        ax.legend()
    axes[0].set_ylabel("训练损失（对数坐标）")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
