# env: main
# timing-output: 打印的耗时随机器与负载变化，其余输出每次相同
"""向量化：同一个计算，Python 循环与 NumPy 数组运算的速度对比。

计算两组点的两两欧氏平方距离 D[i, j] = ||x_i - y_j||²。三种写法结果相同
（在舍入误差以内），但循环版本每个元素都要经过 Python 解释器，向量化版本把整个循环
交给编译好的 C 代码。打印的耗时与加速比取决于机器和当时的负载，每次运行都会略有不同。
"""
import argparse
import timeit

import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def sq_dists_loop(x, y):
    """三重 Python 循环。"""
    n, m, d = len(x), len(y), x.shape[1]
    out = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for k in range(d):
                diff = x[i, k] - y[j, k]
                s += diff * diff
            out[i, j] = s
    return out


def sq_dists_broadcast(x, y):
    """广播：(n, 1, d) - (1, m, d)，再沿最后一维求和。"""
    diff = x[:, None, :] - y[None, :, :]
    return (diff**2).sum(axis=-1)


def sq_dists_matmul(x, y):
    """展开 ||x-y||² = ||x||² + ||y||² - 2 x·y，主要开销是一次矩阵乘法。"""
    d2 = (x**2).sum(axis=1)[:, None] + (y**2).sum(axis=1)[None, :] - 2.0 * x @ y.T
    return np.maximum(d2, 0.0)  # 舍入可能产生极小的负数


def best_time(func, *args, repeat=3):
    """多次运行取最短耗时（秒），最短的那次受其他进程干扰最少。"""
    timer = timeit.Timer(lambda: func(*args))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=150, help="第一组点数")
    parser.add_argument("--m", type=positive_int, default=100, help="第二组点数")
    parser.add_argument("--dim", type=positive_int, default=8, help="维数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(args.n, args.dim))
    y = rng.normal(size=(args.m, args.dim))

    loop = sq_dists_loop(x, y)
    bcast = sq_dists_broadcast(x, y)
    mm = sq_dists_matmul(x, y)
    print("结果形状:", loop.shape)
    print(f"广播与循环的最大差: {np.abs(bcast - loop).max():.2e}")
    print(f"矩阵乘法与循环的最大差: {np.abs(mm - loop).max():.2e}")

    t_loop = best_time(sq_dists_loop, x, y, repeat=1)
    t_bcast = best_time(sq_dists_broadcast, x, y)
    t_mm = best_time(sq_dists_matmul, x, y)
    print("\n以下耗时是本次构建时的实测值，随机器与负载变化：")
    print(f"Python 循环耗时(ms): {t_loop * 1e3:.1f}")
    print(f"广播耗时(ms): {t_bcast * 1e3:.3f}")
    print(f"矩阵乘法耗时(ms): {t_mm * 1e3:.3f}")
    print(f"广播加速比: {t_loop / t_bcast:.0f}")
    print(f"矩阵乘法加速比: {t_loop / t_mm:.0f}")


if __name__ == "__main__":
    main()
