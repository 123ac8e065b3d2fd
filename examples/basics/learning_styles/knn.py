# env: main
"""K 近邻：看 k 个最近的训练样本，多数表决；k 决定决策边界的平滑程度。

在葡萄酒数据集的两个特征（颜色强度、类黄酮，各自标准化）上，对几个不同的 k 画出 KNN 的
决策区域，并报告测试准确率。k = 1 时边界贴着每个训练点，容易过拟合；k 很大时边界过于平滑，
会欠拟合。另有一个 NumPy 手写版本（欧氏距离 + 多数表决），与 scikit-learn 的预测对照。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

from mmdl.cli import nonnegative_int, positive_int, probability

FEATURES = ["color_intensity", "flavanoids"]


def knn_predict(X_train, y_train, X, k):
    """ŷ(x) = argmax_c Σ_{i∈N_k(x)} 1[y_i = c]，N_k(x) 是欧氏距离最近的 k 个训练样本。"""
    d2 = ((X[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    votes = np.apply_along_axis(np.bincount, 1, y_train[nearest], minlength=y_train.max() + 1)
    return votes.argmax(axis=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ks", type=positive_int, nargs="+", default=[1, 5, 15, 50],
                        help="要比较的 k 值")
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    data = load_wine()
    X = data.data[:, [list(data.feature_names).index(f) for f in FEATURES]]
    X_tr, X_te, y_tr, y_te = train_test_split(X, data.target, test_size=args.test_size,
                                              stratify=data.target, random_state=args.seed)
    scaler = StandardScaler().fit(X_tr)        # 距离对量纲敏感：先把两个特征标准化
    X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)
    if max(args.ks) > len(y_tr):
        parser.error(f"k 不能超过训练样本数 {len(y_tr)}")

    lo, hi = X_tr.min(axis=0) - 0.5, X_tr.max(axis=0) + 0.5
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], 200), np.linspace(lo[1], hi[1], 200))
    cols = min(len(args.ks), 2)
    rows = -(-len(args.ks) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.6 * rows), squeeze=False,
                             sharex=True, sharey=True)
    light = ListedColormap(["#f4c7c3", "#c6e2c3", "#c3d5f4"])
    dark = ["tab:red", "tab:green", "tab:blue"]
    for ax, k in zip(axes.flat, args.ks):
        model = KNeighborsClassifier(n_neighbors=k).fit(X_tr, y_tr)
        ours = knn_predict(X_tr, y_tr, X_te, k)
        print(f"k={k} 测试准确率: {model.score(X_te, y_te):.4f}")
        print(f"k={k} 手写版与sklearn一致率: {np.mean(ours == model.predict(X_te)):.4f}")
        zz = model.predict(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
        ax.contourf(xx, yy, zz, cmap=light)
        for c in range(3):
            ax.scatter(*X_tr[y_tr == c].T, s=12, color=dark[c], edgecolors="k", linewidths=0.3,
                       label=f"类别 {c}")
        ax.set_title(f"k = {k}")
    for ax in axes[-1]:
        ax.set_xlabel("颜色强度 (标准化)")
    for ax in axes[:, 0]:
        ax.set_ylabel("类黄酮 (标准化)")
    for ax in axes.flat[len(args.ks):]:
        ax.set_visible(False)
    axes.flat[0].legend(loc="upper right", fontsize=8)
    fig.suptitle("KNN 的决策区域 (图中的点是训练样本)")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
