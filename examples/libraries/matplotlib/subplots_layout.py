# env: main
"""子图与布局：``plt.subplots`` 网格、共享坐标轴、``subplot_mosaic`` 与 constrained 布局。

``fig, axes = plt.subplots(2, 2)`` 返回一个 2×2 的 Axes 数组；``sharex``/``sharey`` 让
子图共用刻度范围；``layout="constrained"`` 自动留出标题、刻度标签和颜色条的空间，
避免文字重叠。不规则的排布用 ``subplot_mosaic``，用字符画描述每个子图占哪些格子。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int


def grid_figure(rng):
    """2×2 网格，同一列共享 x 轴，同一行共享 y 轴。"""
    fig, axes = plt.subplots(2, 2, sharex="col", sharey="row", layout="constrained")
    t = np.linspace(0, 1, 200)
    for i, ax in enumerate(axes.flat):
        freq = i + 1
        ax.plot(t, np.sin(2 * np.pi * freq * t) + 0.1 * rng.normal(size=t.size))
        ax.set_title(f"频率 {freq} Hz")
    for ax in axes[-1, :]:
        ax.set_xlabel("时间 (s)")
    for ax in axes[:, 0]:
        ax.set_ylabel("幅值")
    fig.suptitle("plt.subplots(2, 2, sharex='col', sharey='row')")
    return fig, axes


def mosaic_figure(rng):
    """不规则布局：A 占上面两格，B 占右侧一整列。"""
    fig, axd = plt.subplot_mosaic([["A", "A", "B"], ["C", "D", "B"]], layout="constrained", figsize=(7, 4))
    x = rng.normal(size=300)
    axd["A"].plot(np.cumsum(x))
    axd["A"].set_title("A：随机游走")
    axd["B"].barh(["甲", "乙", "丙"], [3, 5, 2])
    axd["B"].set_title("B：横向条形图")
    axd["C"].hist(x, bins=20)
    axd["C"].set_title("C：直方图")
    axd["D"].scatter(x[:-1], x[1:], s=5)
    axd["D"].set_title("D：x[t] 对 x[t+1]")
    fig.suptitle("plt.subplot_mosaic")
    return fig, axd


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    fig1, axes = grid_figure(rng)
    print("axes 的类型与形状:", type(axes).__name__, axes.shape)
    print(f"第一张图的子图数: {len(fig1.axes)}")
    print("左上与左下共享 x 轴:", axes[0, 0].get_shared_x_axes().joined(axes[0, 0], axes[1, 0]))
    print("左上与右上共享 x 轴:", axes[0, 0].get_shared_x_axes().joined(axes[0, 0], axes[0, 1]))

    fig2, axd = mosaic_figure(rng)
    print("mosaic 的键:", sorted(axd))
    print(f"第二张图的子图数: {len(fig2.axes)}")
    plt.show()


if __name__ == "__main__":
    main()
