# env: main
"""手写规则与从数据中学到的规则：区分手写数字 3 和 8。

传统程序由人写出规则：“8 的左半边中间有笔画，3 没有”。机器学习则只规定模型的形式，
参数由训练数据决定。这里在同一份测试集上比较三种做法：人定阈值的手写规则、
同一个特征但阈值从训练数据中学出、以及用全部 64 个像素学出的逻辑回归。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from mmdl.cli import nonnegative_int, probability

ROWS, COL = slice(2, 7), 2      # 规则只看第 2 列、第 2~6 行这 5 个像素
HAND_THRESHOLD = 6.0            # 人凭观察定的阈值（像素取值 0~16）


def load_3_vs_8():
    """返回 3 和 8 的图像（n×64）与标签（8 记为 1，3 记为 0）。"""
    X, y = load_digits(return_X_y=True)
    keep = (y == 3) | (y == 8)
    return X[keep], (y[keep] == 8).astype(int)


def left_stroke(X):
    """规则用的特征：左侧中部 5 个像素的平均灰度。"""
    return X.reshape(-1, 8, 8)[:, ROWS, COL].mean(axis=1)


def hand_rule(X, threshold=HAND_THRESHOLD):
    """手写规则：左侧中部有笔画（平均灰度大于阈值）就判为 8。"""
    return (left_stroke(X) > threshold).astype(int)


def learn_threshold(X, y):
    """同一条规则，但阈值取训练集上准确率最高的那个候选值。"""
    feature = left_stroke(X)
    candidates = np.unique(feature)
    accuracy = [((feature > t) == y).mean() for t in candidates]
    return candidates[int(np.argmax(accuracy))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="划分训练/测试集的随机种子")
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    X, y = load_3_vs_8()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=args.test_size,
                                              random_state=args.seed, stratify=y)
    learned_t = learn_threshold(X_tr, y_tr)
    model = LogisticRegression(max_iter=2000).fit(X_tr, y_tr)

    print(f"训练样本数: {len(y_tr)}")
    print(f"测试样本数: {len(y_te)}")
    print(f"手写规则测试准确率: {(hand_rule(X_te) == y_te).mean():.4f}")
    print(f"学到的阈值: {learned_t:.2f}")
    print(f"学到阈值的规则测试准确率: {(hand_rule(X_te, learned_t) == y_te).mean():.4f}")
    print(f"逻辑回归测试准确率: {model.score(X_te, y_te):.4f}")

    fig, axes = plt.subplots(1, 3, figsize=(9, 3.3))
    for ax, label, name in zip(axes[:2], (0, 1), ("3", "8")):
        ax.imshow(X_tr[y_tr == label].mean(axis=0).reshape(8, 8), cmap="gray_r")
        ax.add_patch(plt.Rectangle((COL - 0.5, ROWS.start - 0.5), 1, ROWS.stop - ROWS.start,
                                   fill=False, edgecolor="tab:red", linewidth=2))
        ax.set_title(f"训练集中“{name}”的平均图像\n红框：手写规则看的像素")
    weights = model.coef_.reshape(8, 8)
    limit = np.abs(weights).max()
    image = axes[2].imshow(weights, cmap="coolwarm", vmin=-limit, vmax=limit)
    axes[2].set_title("逻辑回归学到的权重\n红：偏向 8，蓝：偏向 3")
    fig.colorbar(image, ax=axes[2], fraction=0.046)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
