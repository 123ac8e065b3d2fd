# env: main
"""L1 与 L2 正则化的系数路径：L1（Lasso）把系数压成恰好为 0，L2（岭回归）只是整体缩小。

数据有 10 个特征，只有 3 个真正起作用。对一串 λ 分别求解
Lasso：(1/2n)‖y − Xw‖² + λ‖w‖₁（坐标下降，软阈值更新），
岭回归：(1/2n)‖y − Xw‖² + (λ/2)‖w‖²（闭式解 w = (XᵀX/n + λI)⁻¹Xᵀy/n），
画出每个系数随 λ 变化的路径，并数一数有多少个系数恰好为 0。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

TRUE_W = np.array([3.0, 1.5, 0, 0, 2.0, 0, 0, 0, 0, 0])
REPORTED = (0.01, 0.3, 1.0)     # 打印这几个 λ 下的结果


def make_data(n, seed):
    """标准化的特征（每列均值 0、方差 1）和中心化的 y，因此模型不需要截距。"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(TRUE_W)))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ TRUE_W + rng.normal(0, 1.0, n)
    return X, y - y.mean()


def soft_threshold(a, lam):
    """软阈值 S(a, λ) = sign(a)·max(|a| − λ, 0)：|a| ≤ λ 时结果恰好是 0。"""
    return np.sign(a) * np.maximum(np.abs(a) - lam, 0.0)


def lasso(X, y, lam, tol=1e-10, max_sweeps=10000):
    """坐标下降求解 Lasso：轮流对每个系数做一维精确最小化。"""
    n, p = X.shape
    w = np.zeros(p)
    col_sq = (X ** 2).sum(axis=0) / n
    residual = y.copy()
    for _ in range(max_sweeps):
        biggest = 0.0
        for j in range(p):
            rho = X[:, j] @ residual / n + col_sq[j] * w[j]
            new = soft_threshold(rho, lam) / col_sq[j]
            residual -= X[:, j] * (new - w[j])
            biggest = max(biggest, abs(new - w[j]))
            w[j] = new
        if biggest < tol:
            break
    return w


def ridge(X, y, lam):
    """岭回归闭式解 (XᵀX/n + λI)⁻¹ Xᵀy/n。"""
    n, p = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(p), X.T @ y / n)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--n", type=positive_int, default=100, help="样本数")
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("--n 至少为 2")

    X, y = make_data(args.n, args.seed)
    lams = np.logspace(-3, 1, 41)
    paths = {"L1": np.array([lasso(X, y, lam) for lam in lams]),
             "L2": np.array([ridge(X, y, lam) for lam in lams])}
    for lam in REPORTED:
        w1, w2 = lasso(X, y, lam), ridge(X, y, lam)
        print(f"λ={lam} Lasso 零系数个数: {int(np.sum(w1 == 0))}")
        print(f"λ={lam} 岭回归零系数个数: {int(np.sum(w2 == 0))}")
        print(f"λ={lam} Lasso ‖w‖₂: {np.linalg.norm(w1):.4f}")
        print(f"λ={lam} 岭回归 ‖w‖₂: {np.linalg.norm(w2):.4f}")
        print(f"λ={lam} Lasso 保留的特征: {' '.join(f'w{j + 1}' for j in np.flatnonzero(w1))}")
    print(f"最小二乘 ‖w‖₂: {np.linalg.norm(np.linalg.lstsq(X, y, rcond=None)[0]):.4f}")

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True)
    titles = {"L1": "L1（Lasso）：系数逐个变成 0", "L2": "L2（岭回归）：系数一起缩小"}
    for ax, (name, path) in zip(axes, paths.items()):
        for j in range(path.shape[1]):
            style = "-" if TRUE_W[j] else ":"
            ax.semilogx(lams, path[:, j], style, label=f"w{j + 1}（真值 {TRUE_W[j]:g}）")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlabel("正则化强度 λ（对数刻度）")
        ax.set_title(titles[name])
    axes[0].set_ylabel("系数")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, fontsize=8)
    plt.show()


if __name__ == "__main__":
    main()
