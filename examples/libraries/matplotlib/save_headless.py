# env: main
"""无界面保存图片：Agg 后端与 ``savefig``。

服务器、CI 和本站的构建都没有显示器。matplotlib 用“后端”把图画到不同的地方：
Agg（Anti-Grain Geometry）是把图光栅化成内存里 RGBA 像素的非交互后端，适合无界面
环境。这里不经过 pyplot，直接把 Figure 挂到 ``FigureCanvasAgg`` 上——这种写法与当前
的 pyplot 后端无关，也不会在全局登记图形（在循环里批量出图不会越积越多）。
像素尺寸 = 英寸尺寸 × dpi；文件格式由扩展名决定（.png、.svg、.pdf……）。
"""
import argparse
import os

import matplotlib as mpl
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mmdl.cli import positive_float, positive_int

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render(width, height, dpi):
    """在 Agg 画布上画一张图，返回 (figure, canvas)。"""
    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    x = np.linspace(-3, 3, 200)
    ax.plot(x, np.tanh(x), label="tanh")
    ax.plot(x, 1 / (1 + np.exp(-x)), label="sigmoid")
    ax.set(title="无界面渲染的激活函数", xlabel="x", ylabel="f(x)")
    ax.legend()
    return fig, canvas


def save_exact(fig, path):
    """按 Figure 的尺寸与 dpi 原样保存（不做 tight 裁剪）。

    仓库的 matplotlibrc 设置了 ``savefig.bbox: tight``，会裁掉四周空白，像素尺寸就不再
    等于 英寸 × dpi；这里临时改回 standard。
    """
    with mpl.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(path, dpi="figure")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="figure.png", help="输出文件名（写在当前目录）")
    parser.add_argument("--width", type=positive_float, default=4.0, help="宽度（英寸）")
    parser.add_argument("--height", type=positive_float, default=3.0, help="高度（英寸）")
    parser.add_argument("--dpi", type=positive_int, default=100, help="每英寸像素数")
    args = parser.parse_args(argv)
    if os.path.basename(args.out) != args.out or not args.out.lower().endswith(".png"):
        parser.error(f"--out 必须是当前目录下的 .png 文件名，收到 {args.out!r}")

    fig, canvas = render(args.width, args.height, args.dpi)
    print("画布类型:", type(canvas).__name__)
    save_exact(fig, args.out)

    with open(args.out, "rb") as f:
        header = f.read(8)
    print("保存的文件:", args.out)
    print("PNG 文件头正确:", header == PNG_MAGIC)

    img = mpimg.imread(args.out)  # PNG 读成 0~1 的 float32，形状 (高, 宽, 4)
    print(f"图片宽度(像素): {img.shape[1]}")
    print(f"图片高度(像素): {img.shape[0]}")
    print(f"英寸 × dpi: {args.width * args.dpi:.0f} × {args.height * args.dpi:.0f}")

    # Agg 画布的内存缓冲区就是同一组像素：draw 之后可以直接拿到 (高, 宽, 4) 的 uint8 数组
    canvas.draw()
    buf = np.asarray(canvas.buffer_rgba())
    same = np.array_equal(np.round(img * 255).astype(np.uint8), buf)
    print("内存缓冲区形状:", buf.shape)
    print("文件与内存缓冲区逐像素相同:", same)

    # 为了在页面上看到它，把读回的文件再用 pyplot 显示一次
    fig2, ax = plt.subplots(figsize=(args.width, args.height))
    ax.imshow(img)
    ax.set_axis_off()
    ax.set_title(f"从 {args.out} 读回的图片", fontsize=9)
    plt.show()


if __name__ == "__main__":
    main()
