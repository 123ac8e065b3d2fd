# env: main
"""dtype：精度、溢出、类型提升与转换。

同一个数在不同 dtype 下占用的内存和能表示的精度都不同。深度学习里最常见的是
float32（参数与激活）、int64（类别标签）和 bool（掩码）。这个示例展示机器精度、
定长整数的回绕、NumPy 2 的类型提升规则（NEP 50）以及 ``astype`` 的截断。
"""
import argparse

import numpy as np

from mmdl.cli import positive_int


def machine_eps(dtype):
    """机器精度：1 与下一个可表示浮点数之差（float32 为 2^-23，float64 为 2^-52）。"""
    return float(np.finfo(dtype).eps)


def wraparound(value, dtype):
    """数组里的定长整数加 1 越界后按 2 的补码回绕（不报错、不警告）。"""
    return int((np.array([value], dtype=dtype) + 1)[0])


def promoted(a, b):
    """两个操作数运算结果的 dtype 名称。"""
    return str((a + b).dtype)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=1_000_000, help="用来比较内存的元素个数")
    args = parser.parse_args(argv)

    print("== 精度 ==")
    for dt in (np.float16, np.float32, np.float64):
        info = np.finfo(dt)
        print(f"{dt.__name__}: eps={info.eps:.3e}, 最大值={info.max:.3e}, 约 {info.precision} 位十进制有效数字")
    print(f"float32 机器精度: {machine_eps(np.float32):.6e}")
    print(f"float64 机器精度: {machine_eps(np.float64):.6e}")
    print("0.1 + 0.2 == 0.3 (float64):", 0.1 + 0.2 == 0.3)
    print(f"0.1 + 0.2 - 0.3 (float64): {0.1 + 0.2 - 0.3:.3e}")
    # 1 + eps/2 在 float32 里舍入回 1：小于机器精度一半的增量被“吞掉”
    half = np.float32(machine_eps(np.float32) / 2)
    print("float32: 1 + eps/2 == 1:", np.float32(1) + half == np.float32(1))

    print("\n== 定长整数 ==")
    for dt in (np.int8, np.uint8, np.int32):
        info = np.iinfo(dt)
        print(f"{info.dtype} 范围: [{info.min}, {info.max}]")
    print(f"int8 的 127 + 1: {wraparound(127, np.int8)}")
    print(f"uint8 的 255 + 1: {wraparound(255, np.uint8)}")
    try:
        np.array([1, 2], dtype=np.int8) + 300
    except OverflowError as err:  # NumPy 2：超出范围的 Python 整数直接报错
        print("int8 数组 + 300:", type(err).__name__, "-", err)

    print("\n== 类型提升（NumPy 2 / NEP 50）==")
    f32 = np.ones(3, dtype=np.float32)
    print("float32 数组 + Python float:", promoted(f32, 1.0))
    print("float32 数组 + float64 数组:", promoted(f32, np.ones(3)))
    print("int64 数组 + float32 数组:", promoted(np.arange(3), f32))
    print("int 数组 / 2:", (np.arange(3) / 2).dtype, " int 数组 // 2:", (np.arange(3) // 2).dtype)
    print("np.array([1, 2.5, True]).dtype:", np.array([1, 2.5, True]).dtype)

    print("\n== astype 转换 ==")
    x = np.array([-2.7, -2.5, 0.5, 1.5, 2.7])
    print("x:", x)
    print("x.astype(np.int64)（向零截断）:", x.astype(np.int64))
    print("np.round(x)（四舍六入五成双）:", np.round(x))
    print("(x > 0).astype(np.float32):", (x > 0).astype(np.float32))

    print("\n== 内存 ==")
    for dt in (np.float64, np.float32, np.float16, np.int8):
        print(f"{args.n} 个 {np.dtype(dt).name} 占用字节数: {np.zeros(args.n, dtype=dt).nbytes}")


if __name__ == "__main__":
    main()
