# env: mxnet
"""MXNet 的初始化器：``mx.init.Xavier`` 一个类覆盖 Glorot 与 He 两族。

``Xavier(rnd_type, factor_type, magnitude)`` 取尺度 s = √(magnitude / factor)，factor 按
factor_type 取 n_in、n_out 或两者的平均；均匀分布为 U(−s, s)，正态分布为 N(0, s²)（不截断）。
于是 Glorot 均匀是 ``Xavier("uniform", "avg", 3)``，Glorot 正态是 ``Xavier("gaussian", "avg", 1)``
（factor 是平均数 (n_in+n_out)/2，magnitude 取 1 而不是 2），He 正态是 ``Xavier("gaussian", "in", 2)``。
Gluon 的 Dense 权重形状是 (n_out, n_in)；不指定时默认用 ``Uniform(0.07)``，与层的大小无关。
"""
import argparse

import mxnet as mx
from mxnet import gluon

from mmdl.cli import nonnegative_int, positive_int

INITS = {"Glorot 均匀 Xavier('uniform','avg',3)": (("uniform", "avg", 3), "glorot"),
         "Glorot 正态 Xavier('gaussian','avg',1)": (("gaussian", "avg", 1), "glorot"),
         "He 正态 Xavier('gaussian','in',2)": (("gaussian", "in", 2), "he"),
         "He 均匀 Xavier('uniform','in',6)": (("uniform", "in", 6), "he")}


def mxnet_samples(fan_in, fan_out, seed=0):
    """返回 {名字: (样本, 公式给出的方差)}，样本按 (n_in, n_out) 排列。"""
    variances = {"glorot": 2 / (fan_in + fan_out), "he": 2 / fan_in}
    out = {}
    for name, (args, family) in INITS.items():
        mx.random.seed(seed)
        layer = gluon.nn.Dense(fan_out, in_units=fan_in)
        layer.initialize(mx.init.Xavier(*args))
        out[name] = (layer.weight.data().asnumpy().T, variances[family])
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fan-in", type=positive_int, default=300, help="输入单元数 n_in")
    parser.add_argument("--fan-out", type=positive_int, default=200, help="输出单元数 n_out")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    mx.random.seed(args.seed)
    layer = gluon.nn.Dense(args.fan_out, in_units=args.fan_in)
    layer.initialize()
    w = layer.weight.data().asnumpy()
    print("Dense 的权重形状 (n_out, n_in):", w.shape)
    print(f"默认初始化 Uniform(0.07) 的最大绝对值: {abs(w).max():.4f}")
    for name, (w, var) in mxnet_samples(args.fan_in, args.fan_out, args.seed).items():
        print(f"{name}: 样本方差 {w.var():.6f}, 公式 {var:.6f}, 最大绝对值 {abs(w).max():.4f}")


if __name__ == "__main__":
    main()
