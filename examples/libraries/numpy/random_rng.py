# env: main
"""随机数：用 ``np.random.default_rng`` 创建独立、可复现的生成器。

新代码应当用 ``rng = np.random.default_rng(seed)`` 得到一个 Generator 对象（默认算法
PCG64），把它作为参数传下去，而不是调用依赖全局状态的 ``np.random.seed`` /
``np.random.rand``。同一个种子产生同一串数；``rng.spawn`` 派生互不相关的子生成器。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int


def sample_normal(seed, n, mu=0.0, sigma=1.0):
    """用给定种子抽 n 个 N(mu, sigma²) 样本；同一种子结果完全相同。"""
    return np.random.default_rng(seed).normal(mu, sigma, size=n)


def normal_pdf(x, mu, sigma):
    """正态分布密度 exp(-(x-μ)²/(2σ²)) / (σ√(2π))。"""
    return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=1, help="随机种子")
    parser.add_argument("--n", type=positive_int, default=10_000, help="样本数")
    parser.add_argument("--mu", type=float, default=2.0, help="正态分布均值")
    parser.add_argument("--sigma", type=positive_float, default=0.5, help="正态分布标准差")
    args = parser.parse_args(argv)
    if not np.isfinite(args.mu):
        parser.error(f"--mu 必须是有限实数，收到 {args.mu}")

    rng = np.random.default_rng(args.seed)
    print("生成器:", type(rng).__name__, "/", type(rng.bit_generator).__name__)
    print("rng.random(3):", rng.random(3))
    print("rng.integers(0, 10, size=5):", rng.integers(0, 10, size=5))
    print("rng.choice(['猫', '狗', '鸟'], size=6):", rng.choice(["猫", "狗", "鸟"], size=6))
    print("rng.permutation(6):", rng.permutation(6))
    print("rng.uniform(-1, 1, size=(2, 2)):\n", rng.uniform(-1, 1, size=(2, 2)), sep="")

    same = np.array_equal(sample_normal(args.seed, 5), sample_normal(args.seed, 5))
    diff = np.array_equal(sample_normal(args.seed, 5), sample_normal(args.seed + 1, 5))
    print("\n同一种子两次抽样相同:", same)
    print("不同种子两次抽样相同:", diff)

    # 给并行任务（或数据加载的多个进程）各派生一个子生成器，它们的随机流互不重叠
    children = rng.spawn(3)
    print("3 个子生成器的第一个数:", [round(float(c.random()), 4) for c in children])

    x = sample_normal(args.seed, args.n, args.mu, args.sigma)
    print(f"\n样本均值: {x.mean():.4f}")
    print(f"样本标准差: {x.std(ddof=1):.4f}")
    print(f"均值的标准误 σ/√n: {args.sigma / np.sqrt(args.n):.4f}")
    print(f"落在 μ±σ 内的比例: {np.mean(np.abs(x - args.mu) < args.sigma):.4f}")

    fig, ax = plt.subplots()
    ax.hist(x, bins=50, density=True, alpha=0.6, label=f"{args.n} 个样本的直方图")
    grid = np.linspace(x.min(), x.max(), 200)
    ax.plot(grid, normal_pdf(grid, args.mu, args.sigma), "r-", lw=2, label="N(μ, σ²) 的密度")
    ax.set_xlabel("x")
    ax.set_ylabel("概率密度")
    ax.set_title(f"rng.normal({args.mu}, {args.sigma})")
    ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
