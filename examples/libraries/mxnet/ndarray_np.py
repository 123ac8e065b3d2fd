# env: mxnet
"""MXNet 的两套数组接口：经典 NDArray（mx.nd）与 NumPy 兼容的 mxnet.np。

mx.nd 是 MXNet 1.x 最早的张量接口，mxnet.np 则尽量照搬 NumPy 的函数名和语义
（广播、求和返回零维数组……），配合 ``npx.set_np()`` 让 Gluon 也使用它。从 Python
列表创建数组时，两者的默认浮点类型都是 float32，而 NumPy 是 float64；从 float64 的 NumPy
数组创建时，mx.nd.array 仍然转成 float32，只有 mxnet.np.array 保留 float64。运算是异步的，
读取结果（``asnumpy()``、打印）时才会等待计算完成。
"""
import argparse

import numpy as onp
import mxnet as mx
from mxnet import np, npx

from mmdl.cli import nonnegative_int, positive_int


def nd_ops(a, b):
    """用经典 NDArray 接口计算几种常见运算，返回 NumPy 数组组成的字典。"""
    x, y = mx.nd.array(a), mx.nd.array(b)
    return {
        "matmul": mx.nd.dot(x, y.T).asnumpy(),
        "broadcast_add": mx.nd.broadcast_add(x, y[0:1]).asnumpy(),
        "row_sum": x.sum(axis=1).asnumpy(),
        "total": x.sum().asnumpy(),
    }


def np_ops(a, b):
    """同样的运算用 mxnet.np 写：写法与 NumPy 完全相同。"""
    x, y = np.array(a), np.array(b)
    return {
        "matmul": np.dot(x, y.T).asnumpy(),
        "broadcast_add": (x + y[0:1]).asnumpy(),
        "row_sum": x.sum(axis=1).asnumpy(),
        "total": x.sum().asnumpy(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=positive_int, default=3, help="矩阵行数")
    parser.add_argument("--cols", type=positive_int, default=4, help="矩阵列数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    rng = onp.random.default_rng(args.seed)
    a = rng.integers(0, 10, size=(args.rows, args.cols)).astype(onp.float32)
    b = rng.integers(0, 10, size=(args.rows, args.cols)).astype(onp.float32)

    print(f"MXNet 版本: {mx.__version__}")
    print(f"可用 GPU 数: {mx.context.num_gpus()}")

    # 1. 经典 NDArray：默认 float32，求和得到形状为 (1,) 的数组
    x = mx.nd.array(a)
    print(f"mx.nd 类型: {type(x).__name__}")
    print(f"mx.nd 默认 dtype: {mx.nd.array([1.5, 2.5]).dtype.__name__}")
    f64 = onp.array([1.5, 2.5])                     # NumPy 数组，dtype 是 float64
    print(f"mx.nd.array(float64 的 NumPy 数组) 的 dtype: {mx.nd.array(f64).dtype.__name__}")
    print(f"mx.nd 求和结果的形状: {x.sum().shape}")
    print(f"数组所在设备: {x.context}")

    # 2. NumPy 兼容接口：从这里起 Gluon 也使用 mxnet.np 数组
    npx.set_np()
    z = np.array(a)
    print(f"mxnet.np 类型: {type(z).__module__}.{type(z).__name__}")
    print(f"mxnet.np 默认 dtype: {np.array([1.5, 2.5]).dtype}")
    print(f"NumPy 默认 dtype: {onp.array([1.5, 2.5]).dtype}")
    print(f"mxnet.np.array(float64 的 NumPy 数组) 的 dtype: {np.array(f64).dtype}")
    print(f"mxnet.np 求和结果的形状: {z.sum().shape}")

    # 3. 两种数组之间零拷贝转换，与 NumPy 之间用 asnumpy()/np.array() 复制
    print(f"as_nd_ndarray 后的类型: {type(z.as_nd_ndarray()).__name__}")
    w = x.as_np_ndarray()
    print(f"as_np_ndarray 后的类型: {type(w).__module__}.{type(w).__name__}")

    # 4. 异步执行：运算立即返回，waitall() 或 asnumpy() 才等待计算完成
    big = np.ones((200, 200))
    product = np.dot(big, big)
    npx.waitall()
    print(f"200x200 全 1 矩阵自乘的元素: {float(product[0, 0]):.1f}")

    nd, nump = nd_ops(a, b), np_ops(a, b)
    ref = {"matmul": a @ b.T, "broadcast_add": a + b[0:1],
           "row_sum": a.sum(axis=1), "total": a.sum()}
    print("矩阵乘积 a·bᵀ:")
    print(nump["matmul"])
    names = {"matmul": "矩阵乘积", "broadcast_add": "广播加法",
             "row_sum": "按行求和", "total": "全部求和"}
    for key, name in names.items():
        diff = max(onp.abs(nd[key] - ref[key]).max(), onp.abs(nump[key] - ref[key]).max())
        print(f"{name}与 NumPy 的最大差异: {diff:.1e}")


if __name__ == "__main__":
    main()
