# env: main
"""线性代数：解方程组、特征分解、奇异值分解与最小二乘。

``np.linalg`` 封装了 LAPACK。解 Ax = b 用 ``solve`` 而不是先求逆再相乘（更快也更准）；
对称矩阵用 ``eigh``（特征值为实数、按升序排列）；``svd`` 给出 A = U Σ Vᵀ；
``lstsq`` 求使 ||Xw - y||² 最小的 w，这正是线性回归的解析解。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int


def solve_system(a, b):
    """解 Ax = b，返回解与残差范数 ||Ax - b||。"""
    x = np.linalg.solve(a, b)
    return x, float(np.linalg.norm(a @ x - b))


def fit_line(x, y):
    """用最小二乘拟合 y ≈ w·x + c：设计矩阵 [x, 1]，返回 (w, c)。"""
    design = np.column_stack([x, np.ones_like(x)])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    return coef


def fit_line_normal_equation(x, y):
    """正规方程 (XᵀX) w = Xᵀy 的解，应与 lstsq 一致。"""
    design = np.column_stack([x, np.ones_like(x)])
    return np.linalg.solve(design.T @ design, design.T @ y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=50, help="回归样本数")
    parser.add_argument("--noise", type=positive_float, default=0.5, help="噪声标准差")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    print("== 解方程组 ==")
    a = np.array([[3.0, 1.0, -1.0], [1.0, 4.0, 1.0], [2.0, 1.0, 5.0]])
    b = np.array([4.0, 6.0, 8.0])
    x, residual = solve_system(a, b)
    print("x =", x)
    print(f"残差 ||Ax-b||: {residual:.1e}")
    print("行列式 det(A):", round(float(np.linalg.det(a)), 10))

    print("\n== 对称矩阵的特征分解 ==")
    s = a @ a.T  # 对称正定
    vals, vecs = np.linalg.eigh(s)
    print("特征值（升序）:", vals)
    print(f"最大的 ||S v - λ v||: {np.abs(s @ vecs - vecs * vals).max():.1e}")
    print(f"特征向量正交 ||VᵀV - I||: {np.abs(vecs.T @ vecs - np.eye(3)).max():.1e}")

    print("\n== 奇异值分解 ==")
    m = rng.normal(size=(5, 3)) @ rng.normal(size=(3, 4))  # 5x4、秩为 3
    u, sigma, vt = np.linalg.svd(m, full_matrices=False)
    print("奇异值:", np.round(sigma, 6))
    print(f"数值秩: {np.linalg.matrix_rank(m)}")
    print(f"重构误差 ||UΣVᵀ - M||: {np.abs(u @ np.diag(sigma) @ vt - m).max():.1e}")
    print(f"σ₁ 与谱范数之差: {abs(sigma[0] - np.linalg.norm(m, 2)):.1e}")

    print("\n== 最小二乘拟合直线 y = 2x + 1 + 噪声 ==")
    xs = rng.uniform(-3, 3, size=args.n)
    ys = 2.0 * xs + 1.0 + rng.normal(scale=args.noise, size=args.n)
    w, c = fit_line(xs, ys)
    print(f"斜率: {w:.4f}")
    print(f"截距: {c:.4f}")
    print(f"与正规方程之差: {np.abs(fit_line_normal_equation(xs, ys) - [w, c]).max():.1e}")

    fig, ax = plt.subplots()
    ax.scatter(xs, ys, s=15, alpha=0.7, label="样本")
    grid = np.linspace(-3, 3, 2)
    ax.plot(grid, 2 * grid + 1, "k--", label="真实直线 y = 2x + 1")
    ax.plot(grid, w * grid + c, "r-", label=f"最小二乘 y = {w:.2f}x + {c:.2f}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("np.linalg.lstsq 拟合直线")
    ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
