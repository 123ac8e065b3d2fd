# env: main
"""从 AlexNet 到 DenseNet：用代码画出每个网络最有代表性的块。

每个块写成数据：若干条并行的路径，每条路径是一串层，("conv", k, 步幅, 输出通道)、("pool", k, 步幅)、
("fc", 输出个数)；空路径是捷径（输入原样送到汇合处）。汇合的方式是“拼接”（通道相加）或“相加”（形状不变）。
这些数与 architectures.py 推算参数个数用的结构表相同（测试逐层核对），图和参数表因此不会各说各的。
"""
import argparse

import matplotlib.pyplot as plt

BLOCKS = {  # 名称: (块的说明, 输入通道, 路径列表, 汇合方式, 全网有几个这样的块)
    "AlexNet（2012）": ("整个网络", 3, [[("conv", 11, 4, 96), ("pool", 3, 2), ("conv", 5, 1, 256), ("pool", 3, 2),
                                     ("conv", 3, 1, 384), ("conv", 3, 1, 384), ("conv", 3, 1, 256), ("pool", 3, 2),
                                     ("fc", 4096), ("fc", 4096), ("fc", 1000)]], None, 1),
    "VGG-16（2014）": ("第一个 VGG 块", 3, [[("conv", 3, 1, 64), ("conv", 3, 1, 64), ("pool", 2, 2)]], None, 5),
    "NiN（2013）": ("第一个 NiN 块", 3, [[("conv", 11, 4, 96), ("conv", 1, 1, 96), ("conv", 1, 1, 96), ("pool", 3, 2)]],
                   None, 4),
    "GoogLeNet（2014）": ("Inception 块（3a）", 192, [[("conv", 1, 1, 64)], [("conv", 1, 1, 96), ("conv", 3, 1, 128)],
                                                 [("conv", 1, 1, 16), ("conv", 5, 1, 32)],
                                                 [("pool", 3, 1), ("conv", 1, 1, 32)]], "拼接", 9),
    "ResNet-50（2015）": ("瓶颈块（恒等捷径）", 256, [[("conv", 1, 1, 64), ("conv", 3, 1, 64), ("conv", 1, 1, 256)], []],
                        "相加", 16),
    "DenseNet-121（2016）": ("稠密块里的一层", None, [[("conv", 1, 1, 128), ("conv", 3, 1, 32)], []], "拼接", 58),
}
COLORS = {"conv3": "#cfe2f3", "conv1": "#d9ead3", "pool": "#fce5cd", "fc": "#e6e6e6", "merge": "#f4cccc"}


def label(layer):
    """一层的中文标签与底色。"""
    kind, k = layer[0], layer[1]
    if kind == "fc":
        return f"全连接\n{layer[1]}", COLORS["fc"]
    stride = f"，步幅 {layer[2]}" if layer[2] > 1 else ""
    if kind == "pool":
        return f"{k}×{k} 最大池化{stride}", COLORS["pool"]
    return f"{k}×{k} 卷积{stride}\n{layer[3]} 通道", COLORS["conv1" if k == 1 else "conv3"]


def out_channels(c_in, paths, merge):
    """块的输出通道数：拼接时各路径的输出通道相加，相加或单条路径时是最后一层的通道。输入通道未知时返回 None。"""
    ends = [next((lay[-1] for lay in reversed(p) if lay[0] != "pool"), c_in) for p in paths]
    if merge == "拼接":
        return None if None in ends else sum(ends)
    return ends[0]


def draw(ax, name, block):
    title, c_in, paths, merge, _ = block
    text = dict(ha="center", va="center", fontsize=8.5)
    box = lambda color: dict(boxstyle="round,pad=0.35", fc=color, ec="0.35")
    rows = max(len(p) for p in paths) + 1 + (merge is not None)
    ys = [1 - (i + 0.5) / rows for i in range(rows)]
    top = ax.text(0.5, ys[0], f"输入：{c_in if c_in else 'C'} 通道", bbox=box("white"), **text)
    bottom = None
    if merge:
        c_out = out_channels(c_in, paths, merge)
        how = "在通道维拼接" if merge == "拼接" else "相加，ReLU"
        bottom = ax.text(0.5, ys[-1], f"{how}\n输出：{c_out if c_out else 'C + 32'} 通道", bbox=box(COLORS["merge"]), **text)
    arrow = dict(arrowstyle="-|>", color="0.3", shrinkA=3, shrinkB=3)
    for j, path in enumerate(paths):
        x = (j + 0.5) / len(paths)
        prev = top
        items = [label(layer) for layer in path] or [("恒等捷径\n（原样送出）" if merge == "相加" else "原样保留", "white")]
        for i, (s, color) in enumerate(items):
            t = ax.text(x, ys[i + 1], s, bbox=box(color), **text)
            ax.annotate("", xy=(0.5, 1), xycoords=t, xytext=(0.5, 0), textcoords=prev, arrowprops=arrow)
            prev = t
        if bottom is not None:
            ax.annotate("", xy=(0.5, 1), xycoords=bottom, xytext=(0.5, 0), textcoords=prev, arrowprops=arrow)
    ax.set_title(f"{name}\n{title}", fontsize=10)
    ax.axis("off")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    for name, (title, c_in, paths, merge, repeat) in BLOCKS.items():
        weighted = sum(lay[0] != "pool" for p in paths for lay in p)
        where = "" if repeat == 1 else f"，全网共 {repeat} 个"
        c_out = out_channels(c_in, paths, merge)
        print(f"{name}：{title}，{len(paths)} 条路径，{weighted} 个带权重的层，输出 "
              f"{c_out if c_out else '输入 + 32'} 通道{where}")
    # AlexNet 一列；VGG、NiN 上下；GoogLeNet 的四条路径占两列宽；ResNet、DenseNet 在它下面
    fig, axes = plt.subplot_mosaic([[0, 1, 3, 3], [0, 2, 4, 5]], figsize=(9, 8.5), layout="constrained")
    for i, (name, block) in enumerate(BLOCKS.items()):
        draw(axes[i], name, block)
    fig.suptitle("从 AlexNet 到 DenseNet：每个网络有代表性的块（蓝：k×k 卷积，绿：1×1 卷积，橙：池化）")
    plt.show()


if __name__ == "__main__":
    main()
