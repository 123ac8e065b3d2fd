# env: main
"""自注意力、循环网络与卷积网络：每层的计算量、必须依次完成的操作数、任意两位置间的最长路径。

长度 n、维数 d 的序列，卷积核宽 k。计算量按乘法次数数：自注意力 n²·d（Q·Kᵀ 与 权重·V 各 n²d，
不含投影），循环网络 n·d²，卷积 k·n·d²。依次操作数：循环网络要一步接一步算 n 步，另外两种一步并行完成。
最长路径：从第一个位置的输入到最后一个位置的输出，信息最少要经过几层（或几步）——
用可达集合逐层传播实际数出来，再与公式比较。
"""
import argparse
import math

import numpy as np

from mmdl.cli import positive_int


def layers_to_connect(n, grow):
    """从位置 0 出发，每层把可达集合按 grow 扩大，数多少层后位置 n−1 可达。"""
    reach, layers = np.zeros(n, bool), 0
    reach[0] = True
    while not reach[-1]:
        reach = grow(reach)
        layers += 1
    return layers


def conv_grow(k):
    """宽 k 的普通卷积：每层可达范围向右扩 k−1。"""
    return lambda r: np.convolve(r, np.ones(k), mode="full")[:len(r)] > 0


def dilated_grow(k):
    """宽 k 的膨胀卷积，第 l 层的膨胀率 k^l：每层可达范围乘 k。"""
    state = {"dil": 1}

    def grow(r):
        out = r.copy()
        for j in range(1, k):
            shift = j * state["dil"]
            if shift < len(r):
                out[shift:] |= r[:len(r) - shift]
        state["dil"] *= k
        return out
    return grow


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=positive_int, default=512, help="维数 d")
    parser.add_argument("--kernel", type=positive_int, default=3, help="卷积核宽 k（≥ 2）")
    args = parser.parse_args(argv)
    d, k = args.dim, args.kernel
    if k < 2:
        parser.error("--kernel 至少为 2")
    print(f"d = {d}，k = {k}；计算量单位：百万次乘法")
    print(f"{'n':>6} | {'自注意力':>8} {'循环':>8} {'卷积':>8} | 依次操作: 注意力 循环 卷积 | "
          "最长路径: 注意力 循环 卷积 膨胀卷积")
    for n in (16, 64, 256, 512, 1024, 4096):
        flops = (2 * n * n * d, n * d * d, k * n * d * d)
        rnn_path = layers_to_connect(n, lambda r: np.concatenate([[r[0]], r[:-1] | r[1:]]))
        conv_path, dil_path = layers_to_connect(n, conv_grow(k)), layers_to_connect(n, dilated_grow(k))
        assert rnn_path == n - 1 and conv_path == math.ceil((n - 1) / (k - 1))
        assert dil_path == math.ceil(math.log(n, k) - 1e-9)
        print(f"{n:>6} | {flops[0] / 1e6:>8.1f} {flops[1] / 1e6:>8.1f} {flops[2] / 1e6:>8.1f} | "
              f"{1:>10} {n:>4} {1:>4} | {1:>14} {rnn_path:>4} {conv_path:>4} {dil_path:>8}")
    print(f"自注意力与循环网络计算量相等的长度 n = d/2 = {d // 2}；更短时自注意力更省")
    print("公式: 循环路径 n−1，卷积路径 ⌈(n−1)/(k−1)⌉，膨胀卷积路径 ⌈log_k n⌉，自注意力 1")


if __name__ == "__main__":
    main()
