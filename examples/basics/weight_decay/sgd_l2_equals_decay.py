# env: main
"""普通 SGD 中，L2 正则化就是权重衰减；加了动量就不再是。

对 L(w) + λ/2·‖w‖² 做梯度下降：w ← w − η(∇L + λw) = (1 − ηλ)w − η∇L，
即每一步先把权重乘以 1 − ηλ（“衰减”），再走普通的梯度步。本示例在同一串小批量上
分别按两种写法迭代，逐步比较参数；再用带动量的 SGD 重复一次：动量会把 λw 也累积起来，
两种写法就分道扬镳了（Loshchilov & Hutter, 2019）。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_float, nonnegative_int, positive_float, positive_int


def make_data(n=200, scales=(0.1, 1.0, 10.0), seed=0):
    """y = x·(1, 1, 1) + 噪声，第 i 个特征的标准差是 scales[i]。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(scales))) * np.asarray(scales)
    return X, X.sum(axis=1) + 0.1 * rng.normal(size=n)


def grad_mse(w, X, y):
    return X.T @ (X @ w - y) / len(y)


def batches(n, batch_size, steps, seed=0):
    rng = np.random.default_rng([1, seed])
    return [rng.choice(n, batch_size, replace=False) for _ in range(steps)]


def sgd(X, y, lam, mode, lr, index_batches, momentum=0.0, w0=(0.5, 0.5, 0.5)):
    """从 w0 出发。mode="l2"：把 λw 加进梯度；mode="decay"：动量只累积 ∇L，另外做 w ← w − ηλw。

    返回每一步之后的参数（形状为 步数 × 维数）。
    """
    w = np.array(w0, dtype=np.float64)
    buf = np.zeros_like(w)
    path = []
    for idx in index_batches:
        g = grad_mse(w, X[idx], y[idx])
        if mode == "l2":
            buf = momentum * buf + g + lam * w
            w = w - lr * buf
        else:
            buf = momentum * buf + g
            w = (1 - lr * lam) * w - lr * buf
        path.append(w)
    return np.array(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lam", type=nonnegative_float, default=0.3, help="正则化系数 λ")
    parser.add_argument("--lr", type=positive_float, default=0.005, help="学习率 η")
    parser.add_argument("--momentum", type=nonnegative_float, default=0.9, help="对照用的动量系数")
    parser.add_argument("--steps", type=positive_int, default=500, help="迭代步数")
    parser.add_argument("--batch-size", type=positive_int, default=20, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.momentum >= 1:
        parser.error("--momentum 必须小于 1")
    X, y = make_data(seed=args.seed)
    if args.batch_size > len(y):
        parser.error(f"--batch-size 不能超过样本数 {len(y)}")
    index_batches = batches(len(y), args.batch_size, args.steps, args.seed)

    l2 = sgd(X, y, args.lam, "l2", args.lr, index_batches)
    decay = sgd(X, y, args.lam, "decay", args.lr, index_batches)
    print(f"每步的衰减因子 1-ηλ: {1 - args.lr * args.lam:g}")
    print(f"SGD：L2 与权重衰减的最大参数差异: {np.abs(l2 - decay).max():.1e}")
    print("SGD 的最终权重:", np.array2string(decay[-1], precision=4))

    l2_m = sgd(X, y, args.lam, "l2", args.lr, index_batches, args.momentum)
    decay_m = sgd(X, y, args.lam, "decay", args.lr, index_batches, args.momentum)
    print(f"动量 SGD：L2 与权重衰减的最大参数差异: {np.abs(l2_m - decay_m).max():.4f}")
    print("动量 SGD + L2 的最终权重:", np.array2string(l2_m[-1], precision=4))
    print("动量 SGD + 解耦衰减的最终权重:", np.array2string(decay_m[-1], precision=4))


if __name__ == "__main__":
    main()
