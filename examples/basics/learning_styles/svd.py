# env: main
"""奇异值分解 M = UΣVᵀ：用前 k 个奇异值做图像的低秩近似。

把 scikit-learn 自带的示例图片 china.jpg 转成灰度矩阵 M（427×640），做 SVD，
只保留最大的 k 个奇异值得到 M_k = U_k Σ_k V_kᵀ。按 Eckart–Young 定理，M_k 是所有秩不超过 k
的矩阵里离 M 最近的：按 Frobenius 范数，误差是被丢掉的奇异值平方和的平方根；按谱范数
（最大奇异值），误差是被丢掉的最大奇异值 σ_{k+1}。程序对每个 k 把两种误差都算出来对照。
存储 M_k 只需 k(m+n+1) 个数，而不是 m·n 个。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_sample_image

from mmdl.cli import positive_int


def load_gray():
    """示例图片转成灰度，取值在 [0, 1]。"""
    rgb = load_sample_image("china.jpg") / 255.0
    return rgb @ np.array([0.299, 0.587, 0.114])


def low_rank(U, s, Vt, k):
    """M_k = U_k Σ_k V_kᵀ：只用前 k 个奇异值和奇异向量重建。"""
    return (U[:, :k] * s[:k]) @ Vt[:k]


def eckart_young_error(s, k, norm="fro"):
    """Eckart–Young 的误差：‖M - M_k‖_F = sqrt(Σ_{i>k} σ_i²)，‖M - M_k‖_2 = σ_{k+1}。"""
    if norm == 2:
        return float(s[k]) if k < len(s) else 0.0
    return float(np.sqrt(np.sum(s[k:] ** 2)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ranks", type=positive_int, nargs="+", default=[5, 20, 50, 100],
                        help="要展示的秩 k")
    args = parser.parse_args(argv)

    M = load_gray()
    m, n = M.shape
    if max(args.ranks) > min(m, n):
        parser.error(f"秩 k 不能超过 min(m, n) = {min(m, n)}")
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    rank = int(np.sum(s > s[0] * max(m, n) * np.finfo(float).eps))   # 数值意义上非零的奇异值个数
    print(f"矩阵形状: {m}x{n}")
    print(f"矩阵的秩: {rank}")
    print(f"UΣVᵀ重建最大误差: {np.abs(low_rank(U, s, Vt, len(s)) - M).max():.2e}")
    print(f"U列正交误差: {np.abs(U.T @ U - np.eye(len(s))).max():.2e}")
    for k in args.ranks:
        R = M - low_rank(U, s, Vt, k)
        err, err2 = np.linalg.norm(R), np.linalg.norm(R, 2)
        print(f"k={k} 相对误差: {err / np.linalg.norm(M):.4f}")
        print(f"k={k} Frobenius 范数误差 {err:.4f}，sqrt(Σ_(i>k) σ_i²) = {eckart_young_error(s, k):.4f}")
        print(f"k={k} 谱范数误差 {err2:.4f}，σ_(k+1) = {eckart_young_error(s, k, 2):.4f}")
        print(f"k={k} 误差与被丢弃奇异值之差: {max(abs(err - eckart_young_error(s, k)), abs(err2 - eckart_young_error(s, k, 2))):.2e}")
        print(f"k={k} 存储比例: {k * (m + n + 1) / (m * n):.4f}")

    panels = len(args.ranks) + 2
    cols = 3
    rows = -(-panels // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(12, 3.3 * rows), squeeze=False)
    axes = axes.ravel()
    axes[0].imshow(M, cmap="gray", vmin=0, vmax=1)
    axes[0].set_title(f"原图 (秩 {rank})")
    for ax, k in zip(axes[1:], args.ranks):
        ax.imshow(np.clip(low_rank(U, s, Vt, k), 0, 1), cmap="gray", vmin=0, vmax=1)
        ax.set_title(f"k = {k}，存储 {k * (m + n + 1) / (m * n):.0%}")
    for ax in axes[:panels - 1]:
        ax.set_axis_off()
    ax = axes[panels - 1]
    ax.semilogy(np.arange(1, len(s) + 1), s)
    for k in args.ranks:
        ax.axvline(k, color="gray", ls=":", lw=1)
    ax.set(xlabel="序号 i", ylabel=r"奇异值 $\sigma_i$ (对数刻度)", title="奇异值从大到小迅速衰减")
    for ax in axes[panels:]:
        ax.set_visible(False)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
