# env: main
"""线性回归的闭式解：解正规方程 XᵀX θ = Xᵀy，一步得到最小二乘参数。

数据由 ``make_data`` 生成（真实参数 w = [2, -3.4]、b = 4.2，加标准差 0.1 的噪声），
与本章梯度下降的几个示例完全相同。把偏置 b 看成常数特征 1 的权重，
就得到 θ = (XᵀX)⁻¹Xᵀy；计算时用 ``np.linalg.solve`` 解方程组，而不是显式求逆。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

TRUE_W = np.array([2.0, -3.4])
TRUE_B = 4.2


def make_data(n=1000, noise=0.1, seed=0):
    """生成线性回归数据：y = X·w + b + 噪声，X 的每个元素服从标准正态分布。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    y = X @ TRUE_W + TRUE_B + rng.normal(0.0, noise, n)
    return X.astype(np.float32), y.astype(np.float32)


def normal_equation(X, y):
    """解正规方程，返回 (w, b)。计算在 float64 中进行。"""
    A = np.hstack([X, np.ones((len(X), 1))]).astype(np.float64)
    theta = np.linalg.solve(A.T @ A, A.T @ y.astype(np.float64))
    return theta[:-1], theta[-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="生成数据的随机种子")
    parser.add_argument("--n", type=positive_int, default=1000, help="样本数")
    args = parser.parse_args(argv)
    if args.n < 3:
        parser.error("--n 至少为 3（三个未知参数）")

    X, y = make_data(args.n, seed=args.seed)
    w, b = normal_equation(X, y)
    residual = y - (X @ w + b)
    print(f"w1: {w[0]:.4f}")
    print(f"w2: {w[1]:.4f}")
    print(f"b: {b:.4f}")
    print(f"训练均方误差: {np.mean(residual ** 2):.6f}")
    print(f"与真实参数的最大偏差: {max(np.abs(w - TRUE_W).max(), abs(b - TRUE_B)):.4f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.8))
    ax1.scatter(X @ w + b, y, s=4, alpha=0.5)
    lims = [y.min(), y.max()]
    ax1.plot(lims, lims, "k--", label="y = ŷ")
    ax1.set_xlabel("预测值 ŷ")
    ax1.set_ylabel("真实值 y")
    ax1.set_title("预测值与真实值")
    ax1.legend()
    ax2.hist(residual, bins=40)
    ax2.set_xlabel("残差 y − ŷ")
    ax2.set_ylabel("样本数")
    ax2.set_title("残差近似正态，标准差约为噪声水平")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
