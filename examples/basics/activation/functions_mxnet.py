# env: mxnet
"""MXNet 里的激活函数：NDArray 现成算子与 autograd 自动求导。

MXNet 1.9.1 的 ``nd.sigmoid``、``nd.tanh``、``nd.relu`` 与 ``nd.LeakyReLU``（leaky、gelu 两种）
在同一组输入上给出函数值；``autograd.record()`` 记录计算、``backward()`` 求出导数。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, nd

ACTIVATIONS = {
    "step": lambda x: x > 0,  # 比较运算没有梯度，autograd 给出 0
    "sigmoid": nd.sigmoid,
    "tanh": nd.tanh,
    "linear": lambda x: x * 1,
    "relu": nd.relu,
    "leaky_relu": lambda x: nd.LeakyReLU(x, act_type="leaky", slope=0.01),
    "gelu": lambda x: nd.LeakyReLU(x, act_type="gelu"),
}


def values_and_grads(x):
    """返回 {名字: (函数值, 自动微分的导数)}，均为 NumPy 数组（float64）。"""
    out = {}
    for name, f in ACTIVATIONS.items():
        xs = nd.array(x, dtype="float64")
        xs.attach_grad()
        with autograd.record():
            y = f(xs)
        y.backward()
        out[name] = (y.asnumpy().astype("float64"), xs.grad.asnumpy())
    return out


def softmax(z):
    return nd.softmax(nd.array(z, dtype="float64")).asnumpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--x", type=float, nargs="+", default=[-2.0, -0.5, 0.5, 2.0],
                        help="计算函数值与导数的输入点")
    args = parser.parse_args(argv)
    if not all(np.isfinite(args.x)):
        parser.error("--x 只接受有限的实数")

    print("MXNet", mx.__version__)
    x = np.array(args.x)
    print("输入 x =", x)
    for name, (y, g) in values_and_grads(x).items():
        print(f"{name:<10} f(x) = {np.round(y, 4)}   f'(x) = {np.round(g, 4)}")
    print("softmax([1, 2, 3]) =", np.round(softmax([1.0, 2.0, 3.0]), 4))


if __name__ == "__main__":
    main()
