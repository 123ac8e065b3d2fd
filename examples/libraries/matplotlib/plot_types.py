# env: main
"""本站常用的图：折线、散点、直方图、条形图、热力图（imshow）与等高线。

- 折线图 ``ax.plot``：训练曲线、函数图像；
- 散点图 ``ax.scatter``：样本分布，颜色 ``c=`` 表示类别或数值；
- 直方图 ``ax.hist``：数据或权重的分布；
- 条形图 ``ax.bar``：比较几个模型的指标；
- 热力图 ``ax.imshow``：混淆矩阵、图片、注意力权重，配 ``fig.colorbar``；
- 等高线 ``ax.contour``/``ax.contourf``：二维损失曲面与梯度下降的轨迹。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int


def loss_surface(w1, w2):
    """一个拉长的二次碗 f(w1, w2) = w1² + 4·w2²，最小值在原点。"""
    return w1**2 + 4 * w2**2


def draw_all(rng):
    fig, axes = plt.subplots(2, 3, figsize=(11, 6.5), layout="constrained")
    (ax_line, ax_scatter, ax_hist), (ax_bar, ax_image, ax_contour) = axes

    epochs = np.arange(1, 21)
    ax_line.plot(epochs, 1.5 * np.exp(-epochs / 5) + 0.1, "o-", ms=3, label="训练损失")
    ax_line.plot(epochs, 1.5 * np.exp(-epochs / 6) + 0.2, "s--", ms=3, label="验证损失")
    ax_line.set(title="折线图 plot", xlabel="轮次", ylabel="损失")
    ax_line.legend()

    centers = np.array([[0, 0], [3, 1], [1, 3]])
    labels = rng.integers(0, 3, size=150)
    pts = centers[labels] + rng.normal(scale=0.6, size=(150, 2))
    sc = ax_scatter.scatter(pts[:, 0], pts[:, 1], c=labels, cmap="viridis", s=12)
    ax_scatter.legend(*sc.legend_elements(), title="类别", loc="lower right")
    ax_scatter.set(title="散点图 scatter", xlabel="特征 1", ylabel="特征 2")

    weights = rng.normal(scale=0.05, size=2000)
    ax_hist.hist(weights, bins=40, color="tab:green", edgecolor="white", linewidth=0.3)
    ax_hist.set(title="直方图 hist", xlabel="权重值", ylabel="个数")

    models = ["线性", "MLP", "CNN"]
    acc = [0.86, 0.93, 0.98]
    bars = ax_bar.bar(models, acc, color=["tab:gray", "tab:blue", "tab:orange"])
    ax_bar.bar_label(bars, fmt="%.2f")
    ax_bar.set(title="条形图 bar（示意数值）", ylabel="准确率", ylim=(0.5, 1.05))

    cm = np.array([[48, 2, 0], [3, 41, 6], [0, 4, 46]])
    im = ax_image.imshow(cm, cmap="Blues")
    for (i, j), v in np.ndenumerate(cm):
        ax_image.text(j, i, v, ha="center", va="center", color="white" if v > 30 else "black")
    ax_image.set(title="热力图 imshow", xlabel="预测类别", ylabel="真实类别", xticks=range(3), yticks=range(3))
    ax_image.grid(False)
    fig.colorbar(im, ax=ax_image, shrink=0.8)

    w1, w2 = np.meshgrid(np.linspace(-3, 3, 121), np.linspace(-2, 2, 81))
    z = loss_surface(w1, w2)
    ax_contour.contourf(w1, w2, z, levels=20, cmap="magma_r", alpha=0.8)
    cs = ax_contour.contour(w1, w2, z, levels=[1, 4, 9, 16], colors="k", linewidths=0.8)
    ax_contour.clabel(cs, fontsize=8)
    ax_contour.plot(0, 0, "w*", ms=12)
    ax_contour.set(title="等高线 contour", xlabel="$w_1$", ylabel="$w_2$", aspect="equal")
    return fig, axes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    fig, axes = draw_all(rng)
    for ax in axes.flat:
        artists = [*ax.lines, *ax.collections, *ax.images, *ax.patches]
        kinds = sorted({type(a).__name__ for a in artists})
        print(f"{ax.get_title():<16} 图元类型: {', '.join(kinds)}")
    print(f"直方图的条数: {len(axes[0, 2].patches)}")
    plt.show()


if __name__ == "__main__":
    main()
