# env: main
"""支持向量机：最大间隔的分隔直线、间隔宽度 2/‖w‖ 与支持向量。

取鸢尾花数据集中线性可分的两类（山鸢尾与变色鸢尾）的两个特征（花萼长、宽，单位 cm），
用线性核、很大的 C（近似硬间隔）训练 SVC。图中实线是决策边界 wᵀx + b = 0，
两条虚线是 wᵀx + b = ±1，它们之间的宽度就是间隔 2/‖w‖；圈出的点是支持向量。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.svm import SVC

from mmdl.cli import positive_float


def load_two_classes():
    """山鸢尾 (y=-1) 与变色鸢尾 (y=+1) 的花萼长度、宽度。"""
    X, y = load_iris(return_X_y=True)
    keep = y < 2
    return X[keep][:, :2], np.where(y[keep] == 0, -1, 1)


def margin_width(w):
    """两条间隔边界 wᵀx + b = ±1 之间的距离 2/‖w‖。"""
    return 2.0 / np.linalg.norm(w)


def distances_to_boundary(X, y, w, b):
    """每个点到决策边界的带符号距离 y_i (wᵀx_i + b)/‖w‖（分对时为正）。"""
    return y * (X @ w + b) / np.linalg.norm(w)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=positive_float, default=1000.0, help="软间隔惩罚系数，越大越接近硬间隔")
    args = parser.parse_args(argv)

    X, y = load_two_classes()
    model = SVC(kernel="linear", C=args.C, tol=1e-8).fit(X, y)
    w, b = model.coef_[0], model.intercept_[0]
    dist = distances_to_boundary(X, y, w, b)
    print(f"训练准确率: {model.score(X, y):.4f}")
    print(f"支持向量个数: {len(model.support_)}")
    print(f"间隔宽度2/||w||: {margin_width(w):.4f}")
    print(f"最近点距离的两倍: {2 * dist.min():.4f}")
    print(f"支持向量的y(wx+b): {np.mean(y[model.support_] * (X[model.support_] @ w + b)):.4f}")
    print(f"所有样本y(wx+b)的最小值（二次规划的约束 ≥ 1）: {np.min(y * (X @ w + b)):.4f}")

    fig, ax = plt.subplots(figsize=(8, 5))
    for c, name, color in [(-1, "山鸢尾 (y=-1)", "tab:red"), (1, "变色鸢尾 (y=+1)", "tab:blue")]:
        ax.scatter(*X[y == c].T, s=18, color=color, label=name)
    ax.scatter(*X[model.support_].T, s=130, facecolors="none", edgecolors="k", label="支持向量")
    xs = np.linspace(X[:, 0].min() - 0.3, X[:, 0].max() + 0.3, 2)
    for level, style, label in [(0, "-", r"$w^\top x+b=0$"), (1, "--", r"$w^\top x+b=\pm 1$"),
                                (-1, "--", None)]:
        ax.plot(xs, (level - b - w[0] * xs) / w[1], "k" + style, lw=1.2, label=label)
    ax.set(xlabel="花萼长度 (cm)", ylabel="花萼宽度 (cm)",
           title=f"线性 SVM：间隔宽度 2/‖w‖ = {margin_width(w):.3f} cm")
    ax.set_ylim(X[:, 1].min() - 0.3, X[:, 1].max() + 0.3)
    ax.set_aspect("equal")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9)
    plt.show()


if __name__ == "__main__":
    main()
