# env: main
"""学习率调度：阶梯衰减、指数衰减、余弦退火、线性预热 + 余弦，以及它们对训练的影响。

t 是已经完成的更新次数（第一次更新时 t = 0，与 Keras 相同）。η₀ 是初始学习率，T 是总步数。
阶梯：η₀q^⌊t/s⌋；指数：η₀q^(t/s)（q 是衰减的公比）；余弦：η_min + (η₀ − η_min)(1 + cos(πt/T))/2；
预热 + 余弦：前 W 步从 0 线性升到 η₀，再在剩下的 T − W 步里余弦退火。
右图在 digits 上用同一个网络、同样的初始学习率训练，比较几种调度的训练损失；并打印学习率曲线下的
面积 Σηₜ/(η₀T)，以及初始学习率大到恒定时学不动时，各种调度的结果。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def step_decay(t, base, q, step):
    return base * q ** np.floor(t / step)


def exponential_decay(t, base, q, step):
    return base * q ** (t / step)


def cosine_decay(t, base, total, final=0.0):
    t = np.minimum(t, total)
    return final + (base - final) * (1 + np.cos(np.pi * t / total)) / 2


def warmup_cosine(t, base, warmup, total, final=0.0, begin=0.0):
    """前 warmup 步从 begin 线性升到 base，之后在 total − warmup 步内余弦退火到 final。"""
    t = np.asarray(t, dtype=float)
    warm = begin + (base - begin) * t / warmup
    return np.where(t < warmup, warm, cosine_decay(t - warmup, base, total - warmup, final))


def schedules(base, total):
    """本章用的四种调度（加上不变的学习率），都是 t ↦ η_t 的函数。"""
    return {"恒定": lambda t: base + 0 * t,
            "阶梯衰减": lambda t: step_decay(t, base, 0.5, total // 4),
            "指数衰减": lambda t: exponential_decay(t, base, 0.5, total // 4),
            "余弦退火": lambda t: cosine_decay(t, base, total, base / 100),
            "预热 + 余弦": lambda t: warmup_cosine(t, base, total // 10, total, base / 100)}


def train(X, y, lr_of, epochs, batch_size=32, hidden=128, seed=0):
    """64-128-10 的 ReLU 网络，小批量 SGD，第 t 次更新用学习率 lr_of(t)；返回每轮的训练损失。"""
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0, np.sqrt(2 / X.shape[1]), (X.shape[1], hidden)), np.zeros(hidden)
    W2, b2 = rng.normal(0, np.sqrt(1 / hidden), (hidden, 10)), np.zeros(10)
    t, losses = 0, []
    for _ in range(epochs):
        order, total = rng.permutation(len(X)), 0.0
        for start in range(0, len(X) - batch_size + 1, batch_size):
            idx = order[start:start + batch_size]
            h = np.maximum(X[idx] @ W1 + b1, 0)
            z = h @ W2 + b2
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            total += -np.log(np.maximum(p[np.arange(batch_size), y[idx]], 1e-300)).sum()
            p[np.arange(batch_size), y[idx]] -= 1
            d2 = p / batch_size
            d1 = (d2 @ W2.T) * (h > 0)
            lr = lr_of(t)
            W2, b2 = W2 - lr * h.T @ d2, b2 - lr * d2.sum(axis=0)
            W1, b1 = W1 - lr * X[idx].T @ d1, b1 - lr * d1.sum(axis=0)
            t += 1
        losses.append(total / (len(X) // batch_size * batch_size))
    return np.array(losses)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=0.5, help="初始学习率 η₀")
    parser.add_argument("--large-lr", type=positive_float, default=1.5, help="恒定时学不动的大初始学习率")
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, _, y, _ = load_digits_split(seed=args.seed)
    total = args.epochs * (len(X) // 32)
    print(f"总更新次数 T: {total}")

    fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    t = np.arange(total)
    for name, lr_of in schedules(args.lr, total).items():
        losses = train(X, y, lr_of, args.epochs, seed=args.seed)
        area = lr_of(t).sum() / (args.lr * total)            # 学习率曲线下的面积，以 η₀T 为单位
        print(f"{name}: 第 T/2 步学习率 {lr_of(total // 2):.4f}, 末步学习率/η₀ {lr_of(total - 1) / args.lr:.4f}, "
              f"Σηₜ/(η₀T) {area:.3f}, 末轮训练损失 {losses[-1]:.3g}")
        ax_lr.plot(t, lr_of(t), label=name)
        ax_loss.semilogy(np.arange(1, args.epochs + 1), losses, label=name)
    print(f"初始学习率 η₀ = {args.large_lr:g} 时的末轮训练损失:")
    with np.errstate(all="ignore"):                        # 恒定的大学习率会溢出
        for name, lr_of in schedules(args.large_lr, total).items():
            print(f"  {name} {train(X, y, lr_of, args.epochs, seed=args.seed)[-1]:.3g}")
    ax_lr.set_title("学习率 η_t")
    ax_lr.set_xlabel("更新次数 t")
    ax_loss.set_title("训练损失（对数坐标）")
    ax_loss.set_xlabel("轮数（epoch）")
    ax_loss.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
