# env: main
"""朴素贝叶斯分类器：贝叶斯公式加上"特征条件独立"的假设。

在葡萄酒数据集（3 个类别、13 个特征）上，先用 NumPy 按公式手写一个高斯朴素贝叶斯，
再与 scikit-learn 的 GaussianNB 对比：两者的后验概率应当一致。
图中左边是一个特征在各类别下拟合出的正态密度 P(x_j|y)，右边是测试集的混淆矩阵。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine
from sklearn.metrics import ConfusionMatrixDisplay
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from mmdl.cli import nonnegative_int, probability

VAR_SMOOTHING = 1e-9   # 与 GaussianNB 相同：方差加上 1e-9 × 最大特征方差，防止除以 0


def fit_gaussian_nb(X, y):
    """估计先验 P(y=c)，以及每个类别下每个特征的均值和方差。"""
    classes = np.unique(y)
    prior = np.array([np.mean(y == c) for c in classes])
    mean = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0) for c in classes])
    var += VAR_SMOOTHING * X.var(axis=0).max()
    return prior, mean, var


def posterior(X, prior, mean, var):
    """P(y=c|x) ∝ P(y=c) Π_j N(x_j; μ_cj, σ²_cj)，在对数空间里计算再归一化。"""
    log_lik = -0.5 * (np.log(2 * np.pi * var)[None] + (X[:, None, :] - mean[None]) ** 2 / var[None])
    log_joint = np.log(prior)[None] + log_lik.sum(axis=2)          # 朴素假设：各特征的似然相乘
    log_joint -= log_joint.max(axis=1, keepdims=True)
    p = np.exp(log_joint)
    return p / p.sum(axis=1, keepdims=True)                        # 除以 P(x) = Σ_c P(c)P(x|c)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    data = load_wine()
    X_tr, X_te, y_tr, y_te = train_test_split(
        data.data, data.target, test_size=args.test_size, stratify=data.target,
        random_state=args.seed)
    prior, mean, var = fit_gaussian_nb(X_tr, y_tr)
    p_ours = posterior(X_te, prior, mean, var)
    model = GaussianNB().fit(X_tr, y_tr)
    p_sk = model.predict_proba(X_te)

    print(f"手写版测试准确率: {np.mean(p_ours.argmax(axis=1) == y_te):.4f}")
    print(f"GaussianNB测试准确率: {model.score(X_te, y_te):.4f}")
    print(f"后验概率最大差: {np.abs(p_ours - p_sk).max():.2e}")

    j = list(data.feature_names).index("flavanoids")
    names = ["类别 0", "类别 1", "类别 2"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    grid = np.linspace(X_tr[:, j].min() - 0.5, X_tr[:, j].max() + 0.5, 300)
    for c in range(3):
        dens = np.exp(-(grid - mean[c, j]) ** 2 / (2 * var[c, j])) / np.sqrt(2 * np.pi * var[c, j])
        line, = ax1.plot(grid, dens, label=f"{names[c]}: P(x|y)")
        ax1.plot(X_tr[y_tr == c, j], np.full((y_tr == c).sum(), -0.1 - 0.08 * c), "|",
                 color=line.get_color())
    ax1.set(xlabel="类黄酮 (flavanoids)", ylabel="概率密度", title="每个类别、每个特征一个正态分布")
    ax1.legend()
    ConfusionMatrixDisplay.from_predictions(y_te, p_ours.argmax(axis=1), display_labels=names,
                                            ax=ax2, colorbar=False)
    ax2.set(title="测试集混淆矩阵", xlabel="预测类别", ylabel="真实类别")
    ax2.grid(False)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
