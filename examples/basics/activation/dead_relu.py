# env: main
"""“死亡” ReLU：输入全落在负半轴的单元梯度恒为 0，再也学不回来。

一个 100 个 ReLU 单元的隐藏层，偏置被（例如过大的学习率）推到很负的位置之后，
统计在整个数据集上输出恒为 0 的单元比例；这些单元的梯度也恒为 0。
Leaky ReLU 在负半轴保留斜率 α，所以梯度不会完全消失。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def dead_fraction(pre_activation):
    """在所有样本上都 ≤ 0 的单元所占比例（这些单元的 ReLU 梯度处处为 0）。"""
    return float(np.mean(np.all(pre_activation <= 0, axis=0)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=positive_int, default=100, help="隐藏单元数")
    parser.add_argument("--samples", type=positive_int, default=1000, help="样本数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    x = rng.standard_normal((args.samples, 10))
    w = rng.standard_normal((10, args.units)) * np.sqrt(2 / 10)
    for shift in (0.0, -2.0, -5.0, -10.0):
        z = x @ w + shift
        relu_grad = (z > 0).astype(float)
        leaky_grad = np.where(z > 0, 1.0, 0.01)
        print(f"偏置 {shift:6.1f}: 死亡单元比例 {dead_fraction(z):.2f}，"
              f"ReLU 平均梯度 {relu_grad.mean():.4f}，Leaky ReLU 平均梯度 {leaky_grad.mean():.4f}")


if __name__ == "__main__":
    main()
