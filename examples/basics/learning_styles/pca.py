# env: main
"""主成分分析：协方差矩阵的特征向量就是方差最大的正交方向。

把手写数字数据集（8×8 像素，64 维）投影到前两个主成分上画散点图（右），并画出累计
解释方差比例（左）。同时验证：scikit-learn 的 PCA 给出的各主成分方差等于样本协方差
矩阵 C = XᵀX/(n-1)（X 已中心化）的特征值，也等于中心化数据矩阵奇异值的平方除以 n-1。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

from mmdl.cli import probability


def covariance_eigen(X):
    """中心化后求协方差矩阵 C = XᵀX/(n-1) 的特征值与特征向量，按特征值从大到小排列。"""
    Xc = X - X.mean(axis=0)
    vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    order = np.argsort(vals)[::-1]
    return vals[order], vecs[:, order]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=probability, default=0.9, help="要保留的方差比例")
    args = parser.parse_args(argv)
    if args.keep == 0:
        parser.error("--keep 必须大于 0")

    digits = load_digits()
    X = digits.data
    pca = PCA().fit(X)
    vals, vecs = covariance_eigen(X)
    sv = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    Z = pca.transform(X)[:, :2]
    ratio = np.cumsum(pca.explained_variance_ratio_)
    n_keep = int(np.searchsorted(ratio, args.keep) + 1)

    print(f"原始维数: {X.shape[1]}")
    print(f"前两个主成分解释方差比例: {ratio[1]:.4f}")
    print(f"保留{args.keep:.0%}方差所需主成分数: {n_keep}")
    print(f"方差与特征值最大相对差: {np.max(np.abs(pca.explained_variance_ - vals) / vals[0]):.2e}")
    print(f"方差与奇异值平方/(n-1)最大相对差: "
          f"{np.max(np.abs(pca.explained_variance_ - sv ** 2 / (len(X) - 1)) / vals[0]):.2e}")
    print(f"前两维投影的相关系数: {np.corrcoef(Z.T)[0, 1]:.2e}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.4), width_ratios=[1, 1.25])
    ax1.plot(np.arange(1, len(ratio) + 1), ratio, ".-")
    ax1.axhline(args.keep, color="gray", ls="--")
    ax1.axvline(n_keep, color="gray", ls="--")
    ax1.set(xlabel="主成分个数", ylabel="累计解释方差比例", title="前几个主成分就保留了大部分方差")
    sc = ax2.scatter(*Z.T, c=digits.target, cmap="tab10", vmin=-0.5, vmax=9.5, s=6)
    fig.colorbar(sc, ax=ax2, ticks=range(10), label="数字")
    ax2.set(xlabel="第一主成分", ylabel="第二主成分", title="64 维数字图片投影到二维")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
