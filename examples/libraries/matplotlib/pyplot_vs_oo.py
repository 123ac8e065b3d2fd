# env: main
"""pyplot 接口与面向对象接口：同一张图的两种写法。

pyplot 接口（``plt.plot``、``plt.title``……）是一台状态机：每个函数作用于“当前”图形和
“当前”坐标轴，适合交互式快速出图。面向对象接口先拿到 Figure 与 Axes 对象，再调用
它们的方法（``ax.plot``、``ax.set_title``……），图一多、代码一长就更清楚。本站的示例
都用面向对象接口。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_int


def curves(n):
    x = np.linspace(0, 2 * np.pi, n)
    return x, np.sin(x), np.cos(x)


def draw_pyplot(n):
    """pyplot 写法：每个调用隐式作用于 plt.gcf() / plt.gca()。"""
    x, s, c = curves(n)
    plt.figure()
    plt.plot(x, s, label="sin x")
    plt.plot(x, c, "--", label="cos x")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.title("pyplot 接口")
    plt.legend()
    return plt.gcf()


def draw_oo(n):
    """面向对象写法：显式持有 fig 与 ax。"""
    x, s, c = curves(n)
    fig, ax = plt.subplots()
    ax.plot(x, s, label="sin x")
    ax.plot(x, c, "--", label="cos x")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("面向对象接口")
    ax.legend()
    return fig


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=positive_int, default=100, help="每条曲线的点数")
    args = parser.parse_args(argv)

    fig1 = draw_pyplot(args.points)
    fig2 = draw_oo(args.points)
    ax1, ax2 = fig1.axes[0], fig2.axes[0]
    same = all(np.array_equal(l1.get_xydata(), l2.get_xydata()) for l1, l2 in zip(ax1.lines, ax2.lines))
    print(f"图形数量: {len(plt.get_fignums())}")
    print("pyplot 画的 Axes 类型:", type(ax1).__name__)
    print(f"两张图的曲线数: {len(ax1.lines)} 与 {len(ax2.lines)}")
    print("两种写法的曲线数据相同:", same)
    # pyplot 的“当前坐标轴”就是最近创建的那个
    print("plt.gca() 是面向对象图里的 ax:", plt.gca() is ax2)
    plt.show()


if __name__ == "__main__":
    main()
