# env: main
"""共线特征：最小二乘的系数极不稳定，L2 正则化（岭回归）让它稳定下来。

x2 几乎是 x1 的复制（x2 = x1 + 很小的噪声），真实模型是 y = 1.5·x1 + 1.5·x2 + 噪声。
固定 X，只重新抽取 y 的噪声，重复拟合很多次：最小二乘解在直线 w1 + w2 ≈ 3 上大幅摆动，
岭回归的解则聚在 (1.5, 1.5) 附近。原因在矩阵 XᵀX/n 的条件数 κ = μ_max/μ_min（μ 为特征值）：
共线使 μ_min 接近 0，κ 极大；加上 λI 后 κ 变为 (μ_max + λ)/(μ_min + λ)。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int

TRUE_W = np.array([1.5, 1.5])


def make_features(n, closeness, rng):
    """两个几乎相同的特征：x2 = x1 + closeness·噪声。"""
    x1 = rng.normal(size=n)
    return np.column_stack([x1, x1 + closeness * rng.normal(size=n)])


def ridge(X, y, lam):
    """岭回归闭式解 (XᵀX/n + λI)⁻¹ Xᵀy/n；λ = 0 时就是最小二乘。"""
    n, p = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(p), X.T @ y / n)


def condition_number(X, lam=0.0):
    """XᵀX/n + λI 的条件数：用特征值公式 (μ_max + λ)/(μ_min + λ) 计算。"""
    eig = np.linalg.eigvalsh(X.T @ X / len(X))
    return (eig.max() + lam) / (eig.min() + lam)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--n", type=positive_int, default=50, help="样本数")
    parser.add_argument("--lam", type=positive_float, default=0.1, help="岭回归的 λ")
    parser.add_argument("--repeats", type=positive_int, default=200, help="重复抽取噪声的次数")
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("--n 至少为 3")

    rng = np.random.default_rng(args.seed)
    X = make_features(args.n, 0.05, rng)
    fits = {"ols": [], "ridge": []}
    for _ in range(args.repeats):
        y = X @ TRUE_W + rng.normal(0, 1.0, args.n)
        fits["ols"].append(ridge(X, y, 0.0))
        fits["ridge"].append(ridge(X, y, args.lam))
    ols, rid = np.array(fits["ols"]), np.array(fits["ridge"])

    print(f"XᵀX/n 的条件数: {condition_number(X):.1f}")
    print(f"XᵀX/n + λI 的条件数: {condition_number(X, args.lam):.2f}")
    print(f"最小二乘 w1 的标准差: {ols[:, 0].std():.4f}")
    print(f"岭回归 w1 的标准差: {rid[:, 0].std():.4f}")
    print(f"最小二乘 w1+w2 的平均值: {ols.sum(axis=1).mean():.4f}")
    print(f"岭回归 w1+w2 的平均值: {rid.sum(axis=1).mean():.4f}")
    print(f"最小二乘系数的均方误差: {np.mean((ols - TRUE_W) ** 2):.4f}")
    print(f"岭回归系数的均方误差: {np.mean((rid - TRUE_W) ** 2):.4f}")

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    for ax, zoom in zip(axes, (False, True)):
        ax.scatter(ols[:, 0], ols[:, 1], s=8, alpha=0.5, label="最小二乘")
        ax.scatter(rid[:, 0], rid[:, 1], s=8, alpha=0.7, label=f"岭回归（λ = {args.lam:g}）")
        ax.plot(*TRUE_W, "k+", markersize=16, markeredgewidth=2, label="真实系数 (1.5, 1.5)")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
        ax.set_aspect("equal")
    axes[0].set_title(f"重复 {args.repeats} 次拟合得到的系数")
    axes[0].legend(loc="upper right")
    axes[1].set_xlim(0.5, 2.5)
    axes[1].set_ylim(0.5, 2.5)
    axes[1].set_title("放大到真实系数附近")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
