# env: mxnet
# timing-output: 打印的耗时随机器与负载变化，其余输出每次相同
"""hybridize：同一个 HybridBlock 先命令式执行，再编译成符号图执行。

命令式（imperative）执行每一层都经过 Python 调用；``hybridize()`` 之后第一次前向会
把整个网络追踪成一张符号图（Symbol），之后的调用直接在 C++ 后端执行这张图，
省去 Python 开销。两种方式算出的结果应当完全一致；速度差异随机器和负载变化。
"""
import argparse
import json
import time

import numpy as onp
import mxnet as mx
from mxnet import init, np, npx
from mxnet.gluon import nn

from mmdl.cli import nonnegative_int, positive_int

npx.set_np()


def build_net(hidden=64, depth=4, classes=10):
    """由若干 Dense 层组成的 HybridSequential。"""
    net = nn.HybridSequential()
    for _ in range(depth):
        net.add(nn.Dense(hidden, activation="relu"))
    net.add(nn.Dense(classes))
    return net


def run_both(x, repeats=1, seed=0):
    """同一网络分别命令式、符号式运行，返回 (命令式输出, 符号式输出, 两段耗时)。"""
    mx.random.seed(seed)
    net = build_net()
    net.initialize(init.Xavier())
    times = []
    out_imp = net(x).asnumpy()
    start = time.perf_counter()
    for _ in range(repeats):
        net(x)
    npx.waitall()
    times.append(time.perf_counter() - start)

    net.hybridize()
    out_sym = net(x).asnumpy()              # 第一次调用：追踪并缓存符号图
    start = time.perf_counter()
    for _ in range(repeats):
        net(x)
    npx.waitall()
    times.append(time.perf_counter() - start)
    return out_imp, out_sym, times


def graph_ops(net):
    """把网络作用在符号变量上，得到它的计算图，返回图中运算节点的类型列表。"""
    sym = net(mx.sym.var("data").as_np_ndarray())
    nodes = json.loads(sym.tojson())["nodes"]
    return [n["op"] for n in nodes if n["op"] != "null"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=positive_int, default=8, help="批量大小")
    parser.add_argument("--repeats", type=positive_int, default=300, help="计时的前向次数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    rng = onp.random.default_rng(args.seed)
    x = np.array(rng.normal(size=(args.batch_size, 32)).astype(onp.float32))
    out_imp, out_sym, (t_imp, t_sym) = run_both(x, args.repeats, args.seed)
    print(f"输出形状: {out_imp.shape}")
    print(f"命令式与符号式输出的最大差异: {onp.abs(out_imp - out_sym).max():.1e}")
    print(f"符号式相对命令式的加速比（随机器变化）: {t_imp / t_sym:.1f}")

    net = build_net()
    net.initialize()
    net(x)
    ops = graph_ops(net)
    print(f"符号图中的运算节点数: {len(ops)}")
    print(f"运算节点类型: {', '.join(ops)}")


if __name__ == "__main__":
    main()
