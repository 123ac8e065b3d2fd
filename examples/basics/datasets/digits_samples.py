# env: main
"""内置数据集 digits：看看样本、标签和标准化之后的数值。

scikit-learn 自带的手写数字集不需要联网：1797 张 8×8 灰度图，像素取 0–16 的整数，
标签是 0–9。``mmdl.data.load_digits_split`` 按类别分层划分训练集与测试集，
并用训练集的均值和标准差做标准化；本示例打印数据的形状与取值范围，画出每个类别的前两张图。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, probability
from mmdl.data import load_digits_split, one_hot


def class_counts(y, num_classes=10):
    """每个类别的样本数。"""
    return np.bincount(y, minlength=num_classes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-size", type=probability, default=0.25, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="划分用的随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    try:
        X_train, X_test, y_train, y_test = load_digits_split(args.test_size, args.seed, scale="unit")
    except ValueError as exc:          # 例如测试集比例太大，训练集装不下每个类别
        parser.error(f"--test-size {args.test_size} 无法分层划分：{exc}")
    print(f"训练样本数: {len(X_train)}")
    print(f"测试样本数: {len(X_test)}")
    print(f"特征数: {X_train.shape[1]}")
    print(f"类别数: {len(np.unique(y_train))}")
    print("训练集各类样本数:", " ".join(str(c) for c in class_counts(y_train)))
    print(f"像素最小值: {X_train.min():.4f}")
    print(f"像素最大值: {X_train.max():.4f}")

    Xs_train, Xs_test, _, _ = load_digits_split(args.test_size, args.seed)
    # 均值和标准差只从训练集估计：训练集各特征均值为 0，测试集只是接近 0。
    print(f"标准化后训练集特征均值的最大绝对值: {abs(Xs_train.mean(axis=0)).max():.4f}")
    print(f"标准化后测试集特征均值的最大绝对值: {abs(Xs_test.mean(axis=0)).max():.4f}")
    print("前三个标签的独热编码:")
    print(one_hot(y_train[:3], 10).astype(int))

    fig, axes = plt.subplots(2, 10, figsize=(8, 2.2))
    for digit in range(10):
        for row, index in enumerate(np.flatnonzero(y_train == digit)[:2]):
            ax = axes[row, digit]
            ax.imshow(X_train[index].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(str(digit), fontsize=9)
            ax.axis("off")
    fig.suptitle("digits 训练集：每个类别的前两张图（8×8 像素）")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
