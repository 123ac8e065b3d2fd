# env: main
"""逻辑回归：用 sigmoid 把线性得分变成属于正类的概率。

在乳腺癌数据集（二分类）上，先把特征标准化，再用 scikit-learn 的 LogisticRegression
最小化（带 L2 正则的）交叉熵。然后按公式 p = σ(wᵀx + b) 手算测试集的概率和交叉熵，
与 predict_proba、log_loss 对照。图中横轴是线性得分 z = wᵀx + b，纵轴是概率。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from mmdl.cli import nonnegative_int, positive_float, probability


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{-z})。"""
    return 1.0 / (1.0 + np.exp(-z))


def cross_entropy(y, p):
    """平均交叉熵 -1/n Σ [y log p + (1-y) log(1-p)]。"""
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=positive_float, default=1.0, help="正则化强度的倒数")
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    data = load_breast_cancer()
    X_tr, X_te, y_tr, y_te = train_test_split(
        data.data, data.target, test_size=args.test_size, stratify=data.target,
        random_state=args.seed)
    scaler = StandardScaler().fit(X_tr)
    X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)
    model = LogisticRegression(C=args.C).fit(X_tr, y_tr)

    z = X_te @ model.coef_[0] + model.intercept_[0]
    p = sigmoid(z)
    print(f"测试准确率: {np.mean((p > 0.5) == y_te):.4f}")
    print(f"与predict_proba最大差: {np.abs(p - model.predict_proba(X_te)[:, 1]).max():.2e}")
    print(f"测试交叉熵: {cross_entropy(y_te, p):.4f}")
    print(f"与log_loss之差: {abs(cross_entropy(y_te, p) - log_loss(y_te, p)):.2e}")

    fig, ax = plt.subplots(figsize=(7, 4.2))
    grid = np.linspace(z.min() - 1, z.max() + 1, 300)
    ax.plot(grid, sigmoid(grid), color="k", label=r"$p=\sigma(z)$")
    jitter = np.random.default_rng(args.seed).uniform(-0.03, 0.03, len(z))
    for c, name, color in [(0, "恶性 (y=0)", "tab:red"), (1, "良性 (y=1)", "tab:blue")]:
        m = y_te == c
        ax.scatter(z[m], y_te[m] + jitter[m], s=14, alpha=0.6, color=color, label=name)
    ax.axhline(0.5, color="gray", ls=":")
    ax.axvline(0, color="gray", ls=":")
    ax.set(xlabel=r"线性得分 $z=w^\top x+b$", ylabel="P(y=1 | x)", title="测试集样本与 sigmoid 曲线")
    ax.legend(loc="center right")
    plt.show()


if __name__ == "__main__":
    main()
