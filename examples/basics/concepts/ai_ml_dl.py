# env: main
"""人工智能 ⊃ 机器学习 ⊃ 深度学习：画出三者一层套一层的关系。

三个嵌套的椭圆，每一层写上几个属于它、但不属于内层的例子。图中的嵌套关系由数据结构
``LAYERS`` 给出，程序检查每个内层椭圆确实完整地落在外层椭圆里面。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse

# (名称, 英文, 椭圆中心, 宽, 高, 颜色, 本层的例子)：从外到内
LAYERS = [
    ("人工智能", "Artificial Intelligence", (0.0, 0.0), 10.0, 6.4, "#dbe9f6",
     "专家系统、搜索与规划、定理证明"),
    ("机器学习", "Machine Learning", (0.9, -0.45), 7.4, 4.3, "#a9cce3",
     "决策树、支持向量机、K-均值、逻辑回归"),
    ("深度学习", "Deep Learning", (1.6, -0.85), 4.6, 2.2, "#5499c7",
     "多层感知机、卷积网络、Transformer"),
]


def inside(inner, outer, samples=720):
    """inner 椭圆的边界点是否全部落在 outer 椭圆内部。"""
    (cx, cy), w, h = inner[2], inner[3], inner[4]
    (ox, oy), W, H = outer[2], outer[3], outer[4]
    t = np.linspace(0, 2 * np.pi, samples)
    x, y = cx + w / 2 * np.cos(t), cy + h / 2 * np.sin(t)
    return bool(np.all(((x - ox) / (W / 2)) ** 2 + ((y - oy) / (H / 2)) ** 2 < 1))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)

    for outer, inner in zip(LAYERS, LAYERS[1:]):
        print(f"{inner[0]} 完全包含在 {outer[0]} 之内: {inside(inner, outer)}")

    fig, ax = plt.subplots(figsize=(8, 5.2))
    for i, (name, english, (cx, cy), w, h, color, examples) in enumerate(LAYERS):
        ax.add_patch(Ellipse((cx, cy), w, h, facecolor=color, edgecolor="#1b4f72", lw=1.5))
        # 名称写在本层椭圆的上沿附近，例子写在名称下方、内层椭圆之上
        top = cy + h / 2
        white = i == len(LAYERS) - 1
        ax.text(cx, top - 0.45, name, ha="center", va="center", fontsize=15,
                color="white" if white else "#1b2631")
        ax.text(cx, top - 0.85, english, ha="center", va="center", fontsize=9, style="italic",
                color="white" if white else "#34495e")
        ax.text(cx, top - 1.25 if not white else cy - 0.45, "例：" + examples, ha="center", va="center",
                fontsize=9.5, color="white" if white else "#1b2631")
    ax.set_xlim(-5.2, 5.2)
    ax.set_ylim(-3.4, 3.4)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("人工智能 ⊃ 机器学习 ⊃ 深度学习", fontsize=14)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
