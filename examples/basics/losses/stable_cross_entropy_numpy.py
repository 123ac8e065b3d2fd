# env: main
"""交叉熵为什么要从 logits 直接算：先求概率再取对数，在大 logits 下得到 inf 或 nan。

朴素写法先算 σ(z) 或 softmax(z) 再取 log：z = 1000 时 e^z 溢出成 inf，σ(−1000) 下溢成 0，
log 0 = −inf。稳定写法把两步合成一个式子：二元用 softplus(z) − y·z，多类用
logsumexp(z) − z_y，指数的参数永远不超过 0。
"""
import argparse

import numpy as np


def bce_naive(y, z):
    s = 1 / (1 + np.exp(-z))
    return -(y * np.log(s) + (1 - y) * np.log(1 - s))


def bce_stable(y, z):
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))


def ce_naive(label, z):
    e = np.exp(z)
    return -np.log(e[label] / e.sum()) + 0.0  # + 0.0 把 −0.0 变成 0.0


def ce_stable(label, z):
    m = z.max()
    return m + np.log(np.exp(z - m).sum()) - z[label]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0, 100.0, 1000.0],
                        help="logits 的放大倍数")
    args = parser.parse_args(argv)
    if not all(np.isfinite(args.scales)):
        parser.error("--scales 只接受有限的实数")
    base = np.array([2.0, -1.0, 0.5])  # 三类 logits；真实类别是分数最高的第 0 类
    with np.errstate(all="ignore"):
        for c in args.scales:  # 多类：模型判对，且越来越自信，损失应趋于 0
            print(f"放大 {c:g} 倍，朴素多类交叉熵: {ce_naive(0, c * base):.4g}")
            print(f"放大 {c:g} 倍，稳定多类交叉熵: {ce_stable(0, c * base):.4g}")
        for c in args.scales:  # 二元：logit = −c 而真实标签是 1，模型自信地判错，损失应约为 c
            print(f"logit = {-c:g}，朴素二元交叉熵: {bce_naive(1.0, -c):.6g}")
            print(f"logit = {-c:g}，稳定二元交叉熵: {bce_stable(1.0, -c):.6g}")


if __name__ == "__main__":
    main()
