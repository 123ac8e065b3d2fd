# env: main
"""广播：形状不同的数组如何逐元素运算。

规则：把两个形状右对齐，较短的一方在左边补 1；然后逐维比较，两个长度相等或其中
一个为 1 就兼容，结果取较大者；否则报错。长度为 1 的维度被“拉伸”时并不复制数据。
这里先从零实现这条规则，再与 ``np.broadcast_shapes`` 对照，最后看几个典型用法。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int


def broadcast_shape(*shapes):
    """按广播规则计算结果形状；不兼容时抛出 ValueError（与 NumPy 一致）。"""
    ndim = max((len(s) for s in shapes), default=0)
    padded = [(1,) * (ndim - len(s)) + tuple(s) for s in shapes]  # 右对齐、左补 1
    result = []
    for dims in zip(*padded):
        sizes = {d for d in dims if d != 1}
        if len(sizes) > 1:
            raise ValueError(f"形状 {shapes} 无法广播：某一维的长度为 {sorted(sizes)}")
        result.append(sizes.pop() if sizes else 1)
    return tuple(result)


def standardize(x):
    """按列标准化：(n, d) 减去 (d,) 的均值再除以 (d,) 的标准差。"""
    return (x - x.mean(axis=0)) / x.std(axis=0)


def pairwise_sq_dists(x, y):
    """(n, d) 与 (m, d) 两组点的两两平方距离：(n, 1, d) - (1, m, d) -> (n, m, d) -> (n, m)。"""
    diff = x[:, np.newaxis, :] - y[np.newaxis, :, :]
    return (diff**2).sum(axis=-1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    print("== 规则 ==")
    cases = [(3, 4), (4,)], [(3, 1), (1, 4)], [(2, 3, 4), (3, 1)], [(5, 1, 6), (7, 1)], [(3, 4), (3,)]
    for a, b in cases:
        try:
            mine = broadcast_shape(a, b)
        except ValueError:
            mine = "不兼容"
        try:
            ref = np.broadcast_shapes(a, b)
        except ValueError:
            ref = "不兼容"
        print(f"{str(a):>10} 与 {str(b):>7} -> 自己实现 {str(mine):<10} NumPy {ref}")

    print("\n== 典型用法 ==")
    a = np.arange(3).reshape(3, 1)
    b = np.arange(4)
    print("列向量 (3, 1) + 行向量 (4,) 得到 (3, 4) 的表:\n", a * 10 + b, sep="")

    x = rng.normal(loc=[1.0, -2.0, 5.0], scale=[1.0, 3.0, 0.5], size=(200, 3))
    z = standardize(x)
    print("标准化后每列均值:", np.round(z.mean(axis=0), 12) + 0.0)
    print("标准化后每列标准差:", np.round(z.std(axis=0), 12))

    p, q = rng.normal(size=(5, 2)), rng.normal(size=(3, 2))
    d2 = pairwise_sq_dists(p, q)
    print("两两平方距离矩阵形状:", d2.shape)
    print(f"d2[4, 2] 与直接计算之差: {abs(d2[4, 2] - ((p[4] - q[2]) ** 2).sum()):.1e}")

    # 广播不复制：broadcast_to 得到的是步长为 0 的只读视图
    row = np.arange(4.0)
    big = np.broadcast_to(row, (1000, 4))
    print("broadcast_to 的形状:", big.shape, " 步长:", big.strides, " 共享内存:", np.shares_memory(big, row))

    print("\n== 常见错误 ==")
    try:
        np.ones((3, 4)) + np.ones(3)
    except ValueError as err:
        print("(3, 4) + (3,):", err)
    print("修正：把 (3,) 变成 (3, 1) 后的形状:", (np.ones((3, 4)) + np.ones(3)[:, np.newaxis]).shape)


if __name__ == "__main__":
    main()
