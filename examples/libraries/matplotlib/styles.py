# env: main
"""样式：rcParams、样式表与 ``plt.style.context``，以及样式覆盖中文字体的陷阱。

matplotlib 的默认外观由 rcParams 决定（本仓库的 ``matplotlibrc`` 在启动时设置它们）。
样式表是一组 rcParams：``plt.style.use(name)`` 全局生效，``with plt.style.context(name):``
只在 with 块内生效。注意有的样式表（``seaborn-v0_8-*``、``classic``）会改写
``font.sans-serif``，中文随之变成方块；``default`` 更是把所有参数恢复为 matplotlib 的出厂值。
解决办法是在样式列表最后再叠加一个只含字体设置的字典。
"""
import argparse

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int

STYLES = ["ggplot", "bmh", "seaborn-v0_8-whitegrid", "fivethirtyeight"]


def cjk_safe(style):
    """样式 + 保留当前的中文字体设置；用于 plt.style.use / plt.style.context。"""
    keep = {key: mpl.rcParams[key] for key in ("font.family", "font.sans-serif", "axes.unicode_minus")}
    return [style, keep]


def overrides_font(style):
    """样式表是否改写 font.sans-serif（改写就会丢掉中文字体）。"""
    return "font.sans-serif" in mpl.style.library[style]


def draw(rng):
    x = np.linspace(0, 10, 60)
    fig = plt.figure(figsize=(10, 6.5), layout="constrained")
    for i, style in enumerate(STYLES):
        # 样式在创建 Axes 和画图元时读取 rcParams，所以要把创建与绘制都放进 with 块
        with plt.style.context(cjk_safe(style)):
            ax = fig.add_subplot(2, 2, i + 1)
            for k in range(3):
                ax.plot(x, np.sin(x + k) + 0.1 * rng.normal(size=x.size), label=f"曲线 {k + 1}")
            ax.set_title(f"样式 {style}")
            ax.set_xlabel("横轴")
            ax.legend(loc="upper right", fontsize=8)
    return fig


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    print(f"可用样式数: {len(plt.style.available)}")
    print("当前 font.sans-serif 的第一项:", mpl.rcParams["font.sans-serif"][0])
    for style in STYLES + ["classic"]:
        print(f"{style:<24} 改写中文字体: {overrides_font(style)}")

    with plt.style.context("seaborn-v0_8-whitegrid"):
        print("\n直接用 seaborn-v0_8-whitegrid 时的第一字体:", mpl.rcParams["font.sans-serif"][0])
    with plt.style.context(cjk_safe("seaborn-v0_8-whitegrid")):
        print("叠加字体字典后的第一字体:", mpl.rcParams["font.sans-serif"][0])
    print("离开 with 块后恢复为:", mpl.rcParams["font.sans-serif"][0])

    draw(rng)
    plt.show()


if __name__ == "__main__":
    main()
