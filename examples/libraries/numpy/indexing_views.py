# env: main
"""索引与切片：什么时候得到视图，什么时候得到副本。

基本切片（``a[1:3]``、``a[:, 0]``、``a[::2]``）只换一套 shape/strides，返回与原数组
共享内存的**视图**，改视图就是改原数组；花式索引（整数数组）和布尔掩码总是返回
**副本**。用 ``np.shares_memory`` 可以直接检验。
"""
import argparse

import numpy as np

from mmdl.cli import positive_int


def is_view(sub, base):
    """sub 是否与 base 共享内存（即 sub 是 base 的视图）。"""
    return bool(np.shares_memory(sub, base))


def clip_negative_inplace(a):
    """通过布尔掩码赋值把负数置 0：``a[mask] = 0`` 直接写原数组（与 ``a[mask]`` 取值不同）。"""
    a[a < 0] = 0
    return a


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=positive_int, default=4, help="矩阵行数")
    parser.add_argument("--cols", type=positive_int, default=5, help="矩阵列数")
    args = parser.parse_args(argv)

    a = np.arange(args.rows * args.cols).reshape(args.rows, args.cols)
    print("a =\n", a, sep="")

    print("\n== 取值 ==")
    print("a[1, 2] =", a[1, 2], "  a[-1, -1] =", a[-1, -1])
    print("a[1] =", a[1], "（第 1 行）")
    print("a[:, 0] =", a[:, 0], "（第 0 列）")
    print("a[1:3, ::2] =\n", a[1:3, ::2], sep="")
    print("a[::-1, 0] =", a[::-1, 0], "（负步长倒序）")
    print("a[..., 1] 与 a[:, 1] 相同:", np.array_equal(a[..., 1], a[:, 1]))
    print("a[:, np.newaxis, 0].shape =", a[:, np.newaxis, 0].shape)
    print("a[[0, 2], [1, 3]] =", a[[0, 2], [1, 3]], "（花式索引：逐对取 (0,1) 与 (2,3)）")
    print("a[a % 3 == 0] =", a[a % 3 == 0], "（与 a 同形状的布尔掩码，结果是一维）")

    print("\n== 视图还是副本 ==")
    s = a[1:3, ::2]
    f = a[[1, 2]]
    m = a[a > 10]
    print("切片 a[1:3, ::2] 是视图:", is_view(s, a))
    print("花式索引 a[[1, 2]] 是视图:", is_view(f, a))
    print("布尔掩码 a[a > 10] 是视图:", is_view(m, a))
    print("reshape 是视图:", is_view(a.reshape(-1), a), "  转置 a.T 是视图:", is_view(a.T, a))
    # reshape 只在能用新 strides 描述时才返回视图；转置后的数组按行展平必须复制
    print("a.T.reshape(-1) 是视图:", is_view(a.T.reshape(-1), a))
    print("a.copy() 是视图:", is_view(a.copy(), a))

    s[0, 0] = -1  # 改视图 => 原数组也变
    f[0, 0] = -99  # 改副本 => 原数组不变
    print("\n修改视图 s[0, 0] = -1 与副本 f[0, 0] = -99 之后 a =\n", a, sep="")
    print(f"a[1, 0] 变为: {a[1, 0]}")

    # 想要独立的数据就显式 copy；函数参数里的切片也是视图，原地修改会“传出去”
    row = a[2].copy()
    row[:] = 0
    print("a[2] 在修改其副本后不变:", a[2])

    b = np.array([3, -1, 4, -1, 5, -9])
    clip_negative_inplace(b)
    print("\n布尔掩码赋值 b[b < 0] = 0:", b)
    print(f"置零后的最小值: {b.min()}")


if __name__ == "__main__":
    main()
