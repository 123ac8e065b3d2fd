# env: main
"""为什么权重不能全取同一个值：对称的初始化让同一层的单元永远一模一样。

一个 64-32-10 的 tanh 多层感知机在 digits 上用全批量梯度下降训练。同一层的权重全取同一个常数 c 时，
32 个隐藏单元算出同样的输出，反向传播给它们的梯度也相同，每一步做同样的更新，训练多少步
都彼此相同，整层只相当于一个单元；全取 0 时连梯度都是 0，隐藏层根本不动。随机初始化打破这种对称。
本示例打印训练后互不相同的隐藏单元个数与验证准确率。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def init_params(kind, sizes, rng):
    """kind 是 "zero"、"constant"（全取 0.1）或 "random"（Xavier 正态）。"""
    params = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        if kind == "zero":
            W = np.zeros((n_in, n_out))
        elif kind == "constant":
            W = np.full((n_in, n_out), 0.1)
        else:
            W = rng.normal(0, np.sqrt(2 / (n_in + n_out)), (n_in, n_out))
        params.append([W, np.zeros(n_out)])
    return params


def train(params, X, y, steps, lr):
    """全批量梯度下降，tanh 隐藏层 + softmax 交叉熵。"""
    (W1, b1), (W2, b2) = params
    Y = np.eye(10)[y]
    for _ in range(steps):
        h = np.tanh(X @ W1 + b1)
        logits = h @ W2 + b2
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        d2 = (p - Y) / len(X)
        d1 = (d2 @ W2.T) * (1 - h ** 2)
        W2 -= lr * h.T @ d2
        b2 -= lr * d2.sum(axis=0)
        W1 -= lr * X.T @ d1
        b1 -= lr * d1.sum(axis=0)
    return params


def distinct_units(W1, b1, tol=1e-9):
    """互不相同的隐藏单元个数：把每个单元的 (输入权重, 偏置) 看成一列，数不同的列。"""
    cols = np.vstack([W1, b1]).T
    distinct = []
    for c in cols:
        if not any(np.abs(c - d).max() <= tol * (1 + np.abs(d).max()) for d in distinct):
            distinct.append(c)
    return len(distinct)


def accuracy(params, X, y):
    (W1, b1), (W2, b2) = params
    return np.mean((np.tanh(X @ W1 + b1) @ W2 + b2).argmax(axis=1) == y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=32, help="隐藏单元个数")
    parser.add_argument("--steps", type=positive_int, default=300, help="梯度下降步数")
    parser.add_argument("--lr", type=positive_float, default=0.5, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X, X_val, y, y_val = load_digits_split(seed=args.seed, scale="unit")
    print(f"隐藏单元个数: {args.hidden}")
    for kind, name in (("zero", "全取 0"), ("constant", "全取 0.1"), ("random", "随机（Xavier）")):
        rng = np.random.default_rng(args.seed)
        params = train(init_params(kind, [X.shape[1], args.hidden, 10], rng), X, y, args.steps, args.lr)
        W1, b1 = params[0]
        print(f"{name}: 互不相同的隐藏单元数 {distinct_units(W1, b1)}, "
              f"第一层权重的最大绝对值 {np.abs(W1).max():.3g}, 验证准确率 {accuracy(params, X_val, y_val):.4f}")


if __name__ == "__main__":
    main()
