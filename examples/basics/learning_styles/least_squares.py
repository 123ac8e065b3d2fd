# env: main
"""最小二乘法：最小化竖直方向残差的平方和。

对生成的带噪声数据拟合直线 y = b + k·x。最小二乘的目标是 Σ_i (y_i - b - k·x_i)²，
残差是每个点到直线的**竖直**距离（同一个 x 处，真实 y 与预测 y 之差），不是点到直线的
垂直（欧氏）距离。图中红色竖线就是残差；作为对照，灰色虚线是最小化点到直线欧氏距离
平方和的"总体最小二乘"直线，两条线并不相同。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int


def design_matrix(x):
    """每行 [1, x_i]，对应参数 β = [b, k]。"""
    return np.column_stack([np.ones_like(x), x])


def least_squares(x, y):
    """正规方程 XᵀXβ = Xᵀy 的解 β = (XᵀX)⁻¹Xᵀy。"""
    X = design_matrix(x)
    return np.linalg.solve(X.T @ X, X.T @ y)


def vertical_sse(x, y, beta):
    """竖直残差平方和 Σ (y_i - b - k·x_i)²。"""
    return float(np.sum((y - design_matrix(x) @ beta) ** 2))


def perpendicular_sse(x, y, beta):
    """点到直线 y = b + k·x 的欧氏距离平方和：Σ (y_i - b - k·x_i)² / (1 + k²)。"""
    return vertical_sse(x, y, beta) / (1 + beta[1] ** 2)


def total_least_squares(x, y):
    """总体最小二乘：直线过均值点，方向是中心化数据的第一个右奇异向量。"""
    xm, ym = x.mean(), y.mean()
    _, _, vt = np.linalg.svd(np.column_stack([x - xm, y - ym]), full_matrices=False)
    k = vt[0, 1] / vt[0, 0]
    return np.array([ym - k * xm, k])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=20, help="样本数")
    parser.add_argument("--noise", type=positive_float, default=2.0, help="噪声标准差")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("--n 至少为 3")

    rng = np.random.default_rng(args.seed)
    x = rng.uniform(0, 10, args.n)
    y = 1.0 + 0.6 * x + rng.normal(0, args.noise, args.n)

    beta = least_squares(x, y)
    beta_np = np.linalg.lstsq(design_matrix(x), y, rcond=None)[0]
    beta_tls = total_least_squares(x, y)
    residual = y - design_matrix(x) @ beta
    print(f"截距b: {beta[0]:.4f}")
    print(f"斜率k: {beta[1]:.4f}")
    print(f"与lstsq最大差: {np.abs(beta - beta_np).max():.2e}")
    print(f"残差与X正交: {np.abs(design_matrix(x).T @ residual).max():.2e}")
    print(f"最小二乘竖直残差平方和: {vertical_sse(x, y, beta):.4f}")
    print(f"总体最小二乘竖直残差平方和: {vertical_sse(x, y, beta_tls):.4f}")
    print(f"最小二乘欧氏距离平方和: {perpendicular_sse(x, y, beta):.4f}")
    print(f"总体最小二乘欧氏距离平方和: {perpendicular_sse(x, y, beta_tls):.4f}")

    fig, ax = plt.subplots(figsize=(6.4, 5))
    grid = np.array([-0.5, 10.5])
    ax.vlines(x, y, y - residual, color="tab:red", lw=1.2, label="竖直残差 $y_i-\\hat y_i$")
    ax.plot(grid, beta[0] + beta[1] * grid, color="tab:blue", lw=2, label="最小二乘直线")
    ax.plot(grid, beta_tls[0] + beta_tls[1] * grid, "--", color="gray",
            label="总体最小二乘 (欧氏距离)")
    ax.scatter(x, y, color="k", s=18, zorder=3, label="数据点")
    ax.set(xlabel="x", ylabel="y", title="最小二乘：让红色竖线的平方和最小")
    ax.set_aspect("equal")
    ax.legend(loc="lower right", fontsize=9)
    plt.show()


if __name__ == "__main__":
    main()
