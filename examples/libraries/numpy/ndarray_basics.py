# env: main
"""ndarray 基础：创建数组、形状与步长、变形和按轴归约。

ndarray 是一块连续内存加上一组元数据（dtype、shape、strides）。这个示例创建几种常见
数组，打印它们的属性，再演示 reshape、转置和沿某个轴求和；注意 ``axis=0`` 是“压掉
第 0 维”，即对每一列求和。
"""
import argparse

import numpy as np

from mmdl.cli import positive_int


def describe(a):
    """数组的主要属性，字节数满足 nbytes = size × itemsize。"""
    return {
        "shape": a.shape,
        "ndim": a.ndim,
        "size": a.size,
        "dtype": str(a.dtype),
        "itemsize": a.itemsize,
        "nbytes": a.nbytes,
        "strides": a.strides,
    }


def grid(rows, cols):
    """0, 1, …, rows*cols-1 按行排成 rows × cols 的矩阵。"""
    return np.arange(rows * cols, dtype=np.float64).reshape(rows, cols)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=positive_int, default=3, help="矩阵行数")
    parser.add_argument("--cols", type=positive_int, default=4, help="矩阵列数")
    args = parser.parse_args(argv)

    # 几种常用的创建方式
    print("np.array:", np.array([1, 2, 3]))
    print("np.zeros((2, 3)):\n", np.zeros((2, 3)), sep="")
    print("np.arange(0, 1, 0.25):", np.arange(0, 1, 0.25))
    print("np.linspace(0, 1, 5):", np.linspace(0, 1, 5))
    print("np.eye(2):\n", np.eye(2), sep="")

    a = grid(args.rows, args.cols)
    print("\na =\n", a, sep="")
    info = describe(a)
    for key, value in info.items():
        print(f"{key}: {value}")

    # 对连续存放的数组，reshape 不复制数据，只换一套 shape/strides；-1 表示“由其余维度推出”
    b = a.reshape(args.cols, -1)
    print(f"\na.reshape({args.cols}, -1).shape:", b.shape)
    print("a.T.shape:", a.T.shape, " a.T.strides:", a.T.strides)
    print("a.ravel():", a.ravel())

    # 按轴归约：axis=0 压掉行方向（每列一个结果），axis=1 压掉列方向（每行一个结果）
    print(f"\n全部元素之和: {a.sum():.0f}")
    print("a.sum(axis=0):", a.sum(axis=0))
    print("a.sum(axis=1):", a.sum(axis=1))
    print("a.mean(axis=1, keepdims=True).shape:", a.mean(axis=1, keepdims=True).shape)
    print("a.max(axis=0):", a.max(axis=0), " a.argmax(axis=1):", a.argmax(axis=1))


if __name__ == "__main__":
    main()
