# env: main
"""数值稳定的 softmax：为什么要先减去最大值。

直接计算 exp(z) 在 z = 1000 时溢出为 inf，inf / inf 得到 nan；先减去 max(z)
不改变结果（分子分母同乘 exp(-max z)），最大的指数变成 exp(0) = 1，永远不会溢出。
同理 log-softmax 用 log-sum-exp 技巧计算，交叉熵损失应直接从 logits 计算。
"""
import argparse

import numpy as np


def softmax_naive(z):
    e = np.exp(z)
    return e / e.sum()


def softmax_stable(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def log_softmax(z):
    m = z.max()
    return z - m - np.log(np.sum(np.exp(z - m)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shift", type=float, default=1000.0, help="加到 logits 上的大常数")
    args = parser.parse_args(argv)
    if not np.isfinite(args.shift):
        parser.error("--shift 必须是有限的实数")

    z = np.array([1.0, 2.0, 3.0])
    big = z + args.shift
    with np.errstate(over="ignore", invalid="ignore"):
        naive = softmax_naive(big)
    print("z =", z, "  z + 平移 =", big)
    print("朴素 softmax(z + 平移)  =", naive)
    print("稳定 softmax(z + 平移)  =", np.round(softmax_stable(big), 6))
    print("稳定 softmax(z)         =", np.round(softmax_stable(z), 6))
    print("平移不变性成立:", bool(np.allclose(softmax_stable(big), softmax_stable(z))))
    print("log_softmax(z + 平移)   =", np.round(log_softmax(big), 6))
    print("log_softmax 有限:", bool(np.all(np.isfinite(log_softmax(big)))))


if __name__ == "__main__":
    main()
