# env: main
"""练习（matplotlib）：用面向对象接口画一张损失曲线。

在两行标记之间写完 loss_panel(ax, train, val)：在给定的 Axes 上画训练损失与验证损失两条折线
（横轴是轮次 1、2、3……，标签分别是“训练”和“验证”），加上图例，纵轴用对数刻度，横轴标签“轮次”。
只用 ax 的方法，不用 plt.plot 这类作用于“当前坐标轴”的函数。然后运行 python loss_panel.py：批改检查
画出的对象，并确认别的子图没有被画上东西。
"""
import sys

import matplotlib
matplotlib.use("Agg")   # 不打开窗口（见正文“无界面保存图片”）
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# ====== 你的代码从这里开始 ======
def loss_panel(ax, train, val):
    """train、val：每轮的损失（等长的序列）。在 ax 上作图，不需要返回值。"""
    raise NotImplementedError("loss_panel(ax, train, val) 还没有写")
# ====== 你的代码到这里结束 ======


TRAIN = np.array([2.0, 1.1, 0.6, 0.35, 0.2, 0.12])
VAL = np.array([2.1, 1.3, 0.9, 0.8, 0.85, 0.95])


def draw():
    fig, axes = plt.subplots(1, 3)
    plt.sca(axes[2])                     # pyplot 的“当前坐标轴”是最右边的子图
    loss_panel(axes[0], TRAIN, VAL)
    return fig, axes


def check_lines():
    fig, axes = draw()
    lines = {line.get_label(): line for line in axes[0].get_lines()}
    plt.close(fig)
    for label, y in [("训练", TRAIN), ("验证", VAL)]:
        if label not in lines:
            return f"左边的子图里应有一条标签为“{label}”的折线（plot 的 label= 参数），现有的标签：{sorted(lines)}"
        xd, yd = (np.asarray(d, dtype=float) for d in lines[label].get_data())
        if not (np.array_equal(xd, np.arange(1, len(y) + 1)) and np.allclose(yd, y)):
            return f"“{label}”折线的数据不对：横坐标应是轮次 1 … {len(y)}，纵坐标是传入的损失"


def check_axes():
    fig, axes = draw()
    ax = axes[0]
    problems = []
    if ax.get_yscale() != "log":
        problems.append("纵轴应是对数刻度")
    if ax.get_xlabel() != "轮次":
        problems.append("横轴标签应是“轮次”")
    legend = ax.get_legend()
    if legend is None or sorted(t.get_text() for t in legend.get_texts()) != ["训练", "验证"]:
        problems.append("应有列出两条折线的图例")
    plt.close(fig)
    return "；".join(problems) or None


def check_others_untouched():
    fig, axes = draw()
    touched = [i for i in (1, 2) if axes[i].has_data() or axes[i].get_legend() or axes[i].get_xlabel()]
    plt.close(fig)
    if touched:
        return f"第 {touched[0] + 1} 个子图被画上了东西：只应在传入的 ax 上作图（用 ax.plot，而不是 plt.plot）"


CHECKS = [("两条折线与它们的数据", check_lines), ("刻度、标签与图例", check_axes), ("只画在传入的 ax 上", check_others_untouched)]


# ---- 批改（不用修改下面的代码） ----
def grade(checks):
    """逐项运行检查：每项返回 None 表示通过，否则返回一句提示。全部通过时返回 0。"""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # 不支持 ✓ ✗ 的终端里显示成 ?
    passed = 0
    for label, check in checks:
        try:
            hint = check()
        except NotImplementedError as exc:
            hint = f"{exc}：在“你的代码”两行标记之间把它写完"
        except Exception as exc:  # 你的代码出了错：说明是哪项检查、什么错误，不打印 traceback
            hint = f"运行你的代码时出错：{type(exc).__name__}: {exc}"
        print(f"✓ {label}" if hint is None else f"✗ {label}\n    提示：{hint}")
        passed += hint is None
    print(f"通过 {passed}/{len(checks)} 项检查" + ("，全部正确。" if passed == len(checks) else "。"))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(grade(CHECKS))
