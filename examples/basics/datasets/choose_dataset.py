# env: main
"""同一段训练代码，换一个数据集：digits 或真实的 Fashion-MNIST。

默认用内置的 digits，不需要联网。``--dataset fashion-mnist --data-dir 目录`` 改用从官方
下载的 Fashion-MNIST：``mmdl.data`` 先核对四个文件的大小、SHA-256 与 MD5，再解析 IDX 格式。
文件缺失或损坏时示例打印原因和获取方法，以退出码 2 结束，不会悄悄换成别的数据。
模型是用 NumPy 小批量梯度下降训练的 softmax 回归。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import DATASETS, DatasetError, load_dataset, one_hot


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_softmax_regression(X, y, num_classes, epochs, lr, batch_size, rng):
    """小批量梯度下降最小化平均交叉熵，返回权重 W 与偏置 b。"""
    W = np.zeros((X.shape[1], num_classes))
    b = np.zeros(num_classes)
    Y = one_hot(y, num_classes)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            delta = (softmax(X[idx] @ W + b) - Y[idx]) / len(idx)   # ∂损失/∂logits
            W -= lr * X[idx].T @ delta
            b -= lr * delta.sum(axis=0)
    return W, b


def accuracy(W, b, X, y):
    return float(np.mean(np.argmax(X @ W + b, axis=1) == y))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=DATASETS, default="digits", help="数据集")
    parser.add_argument("--data-dir", default=None,
                        help="Fashion-MNIST 文件所在目录（默认读环境变量 MMDL_DATA_DIR）")
    parser.add_argument("--epochs", type=positive_int, default=5, help="训练轮数")
    parser.add_argument("--lr", type=positive_float, default=0.1, help="学习率")
    parser.add_argument("--batch-size", type=positive_int, default=64, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    try:
        X_train, X_test, y_train, y_test = load_dataset(args.dataset, args.data_dir, args.seed)
    except DatasetError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")

    print(f"数据集: {args.dataset}")
    print(f"训练样本数: {len(X_train)}")
    print(f"测试样本数: {len(X_test)}")
    print(f"特征数: {X_train.shape[1]}")
    rng = np.random.default_rng(args.seed)
    W, b = train_softmax_regression(X_train.astype(np.float64), y_train, 10,
                                    args.epochs, args.lr, args.batch_size, rng)
    print(f"训练准确率: {accuracy(W, b, X_train, y_train):.4f}")
    print(f"测试准确率: {accuracy(W, b, X_test, y_test):.4f}")


if __name__ == "__main__":
    main()
