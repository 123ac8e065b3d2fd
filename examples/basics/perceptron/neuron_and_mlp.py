# env: main
"""一个神经元（感知机）与一个多层感知机的结构图。

左：神经元把输入 x₁…x₃ 乘以权重 w₁…w₃、加上偏置 b，求和得到 z，再经过阶跃函数输出 ŷ。
右：多层感知机 4-5-3-2：每一层的每个单元都与下一层的全部单元相连（全连接层）。
连线数由层宽算出：全连接层 l 有 (输入数 × 输出数) 个权重和 输出数 个偏置，程序打印参数总数。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle

from mmdl.cli import positive_int


def parameter_count(widths):
    """全连接网络的参数个数：Σ (n_in × n_out + n_out)。"""
    return sum(a * b + b for a, b in zip(widths, widths[1:]))


def node(ax, xy, text, color, r=0.22, fontsize=11):
    ax.add_patch(Circle(xy, r, facecolor=color, edgecolor="#1b2631", lw=1.2, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def draw_neuron(ax):
    ys = [1.2, 0.0, -1.2]
    for i, y in enumerate(ys, start=1):
        node(ax, (0, y), f"x{chr(0x2080 + i)}", "#d6eaf8")
        ax.annotate("", xy=(2.25, 0), xytext=(0.24, y), arrowprops=dict(arrowstyle="->", lw=1.2))
        ax.text(1.1, y * 0.55 + 0.12, f"w{chr(0x2080 + i)}", fontsize=11, color="#b03a2e")
    node(ax, (1.3, -2.0), "1", "#fdebd0")
    ax.annotate("", xy=(2.3, -0.2), xytext=(1.45, -1.83), arrowprops=dict(arrowstyle="->", lw=1.2))
    ax.text(1.95, -1.25, "b", fontsize=11, color="#b03a2e")
    node(ax, (2.55, 0), "Σ", "#fcf3cf", r=0.32, fontsize=14)
    ax.text(2.55, 0.55, r"$z = \mathbf{w}^\top \mathbf{x} + b$", ha="center", fontsize=11)
    ax.annotate("", xy=(3.55, 0), xytext=(2.87, 0), arrowprops=dict(arrowstyle="->", lw=1.2))
    ax.add_patch(plt.Rectangle((3.55, -0.35), 0.9, 0.7, facecolor="#e8f8f5", edgecolor="#1b2631"))
    z = np.linspace(-1, 1, 50)
    ax.plot(3.65 + 0.35 * (z + 1), -0.2 + 0.4 * (z > 0), color="#1b2631", lw=1.5)
    ax.text(4.0, -0.6, "阶跃函数", ha="center", va="top", fontsize=10)
    ax.annotate("", xy=(5.3, 0), xytext=(4.45, 0), arrowprops=dict(arrowstyle="->", lw=1.2))
    ax.text(5.4, 0, "ŷ", fontsize=13, va="center")
    ax.set_title("一个神经元（感知机）")


def draw_mlp(ax, widths):
    names = ["输入层"] + [f"隐藏层 {i}" for i in range(1, len(widths) - 1)] + ["输出层"]
    colors = ["#d6eaf8"] + ["#fcf3cf"] * (len(widths) - 2) + ["#d5f5e3"]
    pos = [[(2.2 * l, (n - 1) / 2 - i) for i in range(n)] for l, n in enumerate(widths)]
    for a, b in zip(pos, pos[1:]):
        for p in a:
            for q in b:
                ax.plot([p[0], q[0]], [p[1], q[1]], color="#7f8c8d", lw=0.7, zorder=1)
    for l, layer in enumerate(pos):
        for p in layer:
            node(ax, p, "", colors[l], r=0.2)
        ax.text(2.2 * l, -max(widths) / 2 - 0.2, f"{names[l]}\n{widths[l]} 个单元", ha="center", va="top", fontsize=10)
    for l, (a, b) in enumerate(zip(widths, widths[1:])):
        ax.text(2.2 * l + 1.1, max(widths) / 2 + 0.1, f"W{chr(0x2081 + l)}: {a}×{b}", ha="center", fontsize=10,
                color="#b03a2e")
    ax.set_title(f"多层感知机 {'-'.join(map(str, widths))}（全连接、前馈）", pad=14)
    ax.set_ylim(-max(widths) / 2 - 1.3, max(widths) / 2 + 0.6)
    ax.set_xlim(-0.5, 2.2 * (len(widths) - 1) + 0.5)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", type=positive_int, nargs="+", default=[4, 5, 3, 2], help="各层单元数")
    args = parser.parse_args(argv)
    if len(args.widths) < 3 or max(args.widths) > 12:
        parser.error("至少要有输入层、一个隐藏层和输出层，每层不超过 12 个单元（否则画不下）")

    print(f"各层单元数: {args.widths}")
    print(f"连线（权重）数: {sum(a * b for a, b in zip(args.widths, args.widths[1:]))}")
    print(f"参数总数（权重 + 偏置）: {parameter_count(args.widths)}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.8), gridspec_kw={"width_ratios": [1, 1.1]})
    draw_neuron(ax1)
    draw_mlp(ax2, args.widths)
    for ax in (ax1, ax2):
        ax.set_aspect("equal")
        ax.set_axis_off()
    ax1.set_xlim(-0.5, 5.8)
    ax1.set_ylim(-2.6, 1.8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
