# env: main
"""早停：盯住验证损失，连续 patience 轮没有创新低就停下，退回最好的那一轮的参数。

只用 200 张手写数字训练 64-256-10 的 ReLU 网络，小批量 SGD，学习率偏大（0.5）。
训练损失一路下降，验证损失先降后升；规则与 Keras 的 ``EarlyStopping`` 相同：
每轮结束时若验证损失低于此前最好值，记下这一轮与它的参数，等待计数清零；
否则计数加 1，计数达到 patience 时停止。图中把训练继续跑完，看停下之后会发生什么。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def early_stopping(val_losses, patience):
    """返回 (最好的轮次, 停止的轮次)，轮次从 1 数起；没有触发停止时第二项为 None。"""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        wait += 1
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        elif wait >= patience:
            return best_epoch, epoch
    return best_epoch, None


def loss_and_grads(params, X, y):
    W1, b1, W2, b2 = params
    h = np.maximum(X @ W1 + b1, 0)
    z = h @ W2 + b2
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(len(y)), y]).mean()
    p[np.arange(len(y)), y] -= 1
    d2 = p / len(y)
    d1 = (d2 @ W2.T) * (h > 0)
    return loss, [X.T @ d1, d1.sum(axis=0), h.T @ d2, d2.sum(axis=0)]


def train(X, y, X_val, y_val, epochs, lr, batch_size=20, hidden=256, seed=0):
    """返回每轮结束时的参数、训练损失、验证损失。"""
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, np.sqrt(2 / X.shape[1]), (X.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0, np.sqrt(1 / hidden), (hidden, 10)), np.zeros(10)]
    snapshots, train_loss, val_loss = [], [], []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            _, grads = loss_and_grads(params, X[idx], y[idx])
            params = [p - lr * g for p, g in zip(params, grads)]
        snapshots.append(params)
        train_loss.append(loss_and_grads(params, X, y)[0])
        val_loss.append(loss_and_grads(params, X_val, y_val)[0])
    return snapshots, np.array(train_loss), np.array(val_loss)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-train", type=positive_int, default=200, help="训练样本数")
    parser.add_argument("--epochs", type=positive_int, default=60, help="最多训练的轮数")
    parser.add_argument("--patience", type=positive_int, default=10, help="耐心：容忍多少轮没有改进")
    parser.add_argument("--lr", type=positive_float, default=0.5, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_train, X_val, y_train, y_val = load_digits_split(seed=args.seed, scale="unit")
    if args.n_train > len(X_train):
        parser.error(f"--n-train 不能超过 {len(X_train)}")
    X, y = X_train[:args.n_train], y_train[:args.n_train]

    snapshots, train_loss, val_loss = train(X, y, X_val, y_val, args.epochs, args.lr, seed=args.seed)
    best, stop = early_stopping(val_loss, args.patience)
    print(f"最好的轮次: {best}")
    print(f"停止的轮次: {stop}")
    print(f"最好轮次的验证损失: {val_loss[best - 1]:.4f}")
    print(f"继续训练到第 {args.epochs} 轮的验证损失: {val_loss[-1]:.4f}")
    print(f"全部 {args.epochs} 轮中验证损失最低的轮次: {np.argmin(val_loss) + 1}")
    if stop is not None:
        print(f"停止时的训练损失: {train_loss[stop - 1]:.4f}, 最后一轮的训练损失: {train_loss[-1]:.4f}")

    epochs = np.arange(1, args.epochs + 1)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.semilogy(epochs, train_loss, label="训练损失")
    ax.semilogy(epochs, val_loss, label="验证损失")
    ax.axvline(best, color="C2", linestyle="--", label=f"最好的轮次（{best}）")
    if stop is not None:
        ax.axvline(stop, color="C3", linestyle=":", label=f"停止的轮次（{stop}）")
    ax.set_xlabel("轮数（epoch）")
    ax.set_ylabel("交叉熵损失（对数坐标）")
    ax.set_title(f"早停（patience = {args.patience}）")
    ax.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
