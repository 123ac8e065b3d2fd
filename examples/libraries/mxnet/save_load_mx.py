# env: mxnet
"""保存与加载：只存参数（save_parameters），或把网络结构连同参数一起导出（export）。

``save_parameters`` 只写参数值，加载时要先用代码重建同样结构的网络；``export`` 要求
网络已经 hybridize 并跑过一次前向，它写出符号图（``-symbol.json``）和参数
（``-0000.params``），``SymbolBlock.imports`` 不需要原来的 Python 类就能重建网络。
文件都写在当前目录。
"""
import argparse
import os
import warnings

import numpy as onp
import mxnet as mx
from mxnet import gluon, init, np, npx
from mxnet.gluon import nn

from mmdl.cli import nonnegative_int, positive_int

npx.set_np()


def build_net():
    net = nn.HybridSequential()
    net.add(nn.Dense(32, activation="relu"), nn.Dense(10))
    return net


def roundtrip(x, seed=0, prefix="mlp"):
    """返回 (原网络预测, 重载参数后的预测, 导入导出模型后的预测, 写出的文件名)。"""
    mx.random.seed(seed)
    net = build_net()
    net.initialize(init.Xavier())
    net.hybridize()
    original = net(x).asnumpy()

    params_file = f"{prefix}.params"
    net.save_parameters(params_file)
    clone = build_net()                      # 结构由代码重建，参数从文件读入
    clone.load_parameters(params_file)
    reloaded = clone(x).asnumpy()

    net.export(prefix)                       # 写 prefix-symbol.json 与 prefix-0000.params
    with warnings.catch_warnings():          # 输入类型留给第一次调用推断
        warnings.simplefilter("ignore", UserWarning)
        imported = gluon.SymbolBlock.imports(f"{prefix}-symbol.json", ["data"],
                                             f"{prefix}-0000.params")
    restored = imported(x).asnumpy()
    files = [params_file, f"{prefix}-symbol.json", f"{prefix}-0000.params"]
    return original, reloaded, restored, files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=positive_int, default=5, help="预测的样本数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    rng = onp.random.default_rng(args.seed)
    x = np.array(rng.normal(size=(args.samples, 64)).astype(onp.float32))
    original, reloaded, restored, files = roundtrip(x, args.seed)
    for name in files:
        print(f"写出文件: {name}（{os.path.getsize(name)} 字节）")
    print(f"预测类别: {original.argmax(axis=1).tolist()}")
    print(f"load_parameters 后预测的最大差异: {onp.abs(original - reloaded).max():.1e}")
    print(f"SymbolBlock.imports 后预测的最大差异: {onp.abs(original - restored).max():.1e}")


if __name__ == "__main__":
    main()
