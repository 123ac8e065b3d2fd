# env: main
"""欠拟合与过拟合：用不同阶数的多项式拟合带噪声的 sin 曲线，按验证集选择阶数。

数据分成三份：训练集用来求多项式系数（最小二乘），验证集用来选阶数，
测试集只在最后用一次，估计所选模型在新数据上的误差。阶数太低的模型连训练数据都拟合不好
（欠拟合）；阶数太高的模型把训练数据里的噪声也记住了，训练误差很小、测试误差却很大（过拟合）。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int

SHOWN = (1, 3, 9)     # 图中画出拟合曲线的阶数


def make_data(n, noise, rng):
    """x 在 [0, 1] 上均匀分布，y = sin(2πx) + 高斯噪声。"""
    x = rng.uniform(0, 1, n)
    return x, np.sin(2 * np.pi * x) + rng.normal(0, noise, n)


def fit_polynomial(x, y, degree):
    """最小二乘拟合 degree 阶多项式（内部把 x 映射到 [-1, 1]，数值更稳定）。"""
    return np.polynomial.Polynomial.fit(x, y, degree)


def rmse(y_pred, y):
    """均方根误差 sqrt(mean((ŷ - y)²))。"""
    return float(np.sqrt(np.mean((y_pred - y) ** 2)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    parser.add_argument("--n-train", type=positive_int, default=15, help="训练样本数")
    parser.add_argument("--noise", type=positive_float, default=0.25, help="噪声标准差")
    parser.add_argument("--max-degree", type=positive_int, default=12, help="尝试的最高阶数")
    args = parser.parse_args(argv)
    if args.max_degree >= args.n_train:
        parser.error("--max-degree 必须小于 --n-train（否则最小二乘解不唯一）")

    rng = np.random.default_rng(args.seed)
    x_tr, y_tr = make_data(args.n_train, args.noise, rng)
    x_va, y_va = make_data(50, args.noise, rng)
    x_te, y_te = make_data(1000, args.noise, rng)

    degrees = np.arange(args.max_degree + 1)
    models = [fit_polynomial(x_tr, y_tr, d) for d in degrees]
    train_err = [rmse(m(x_tr), y_tr) for m in models]
    val_err = [rmse(m(x_va), y_va) for m in models]
    best = int(np.argmin(val_err))

    for d in SHOWN:
        if d <= args.max_degree:
            print(f"{d} 阶训练 RMSE: {train_err[d]:.4f}")
            print(f"{d} 阶测试 RMSE: {rmse(models[d](x_te), y_te):.4f}")
    print(f"验证集选出的阶数: {best}")
    print(f"所选模型的测试 RMSE: {rmse(models[best](x_te), y_te):.4f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    grid = np.linspace(0, 1, 300)
    ax1.plot(grid, np.sin(2 * np.pi * grid), "k--", label="真实函数 sin(2πx)")
    for d in SHOWN:
        if d <= args.max_degree:
            ax1.plot(grid, models[d](grid), label=f"{d} 阶多项式")
    ax1.scatter(x_tr, y_tr, color="black", zorder=3, label="训练数据")
    ax1.set_ylim(-2, 2)
    ax1.set_xlabel("x")
    ax1.set_ylabel("y")
    ax1.set_title("不同阶数的拟合结果")
    ax1.legend(fontsize=8, loc="lower left")
    ax2.semilogy(degrees, train_err, "o-", label="训练集")
    ax2.semilogy(degrees, val_err, "s-", label="验证集")
    ax2.axvline(best, color="gray", linestyle=":", label=f"选中的阶数 {best}")
    ax2.set_xlabel("多项式阶数")
    ax2.set_ylabel("RMSE（对数刻度）")
    ax2.set_title("训练误差一路下降，验证误差先降后升")
    ax2.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
