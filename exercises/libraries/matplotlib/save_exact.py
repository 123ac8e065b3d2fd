# env: main
"""练习（matplotlib）：保存恰好 W×H 像素的图片。

网页或论文常要求图片的像素尺寸。在两行标记之间写完 save_exact(fig, path, width_px, height_px, dpi)：
把图形保存为 PNG，像素尺寸恰好是 width_px × height_px。注意：本站的 matplotlibrc 里有 savefig.bbox: tight
（批改也这样设置），它会裁掉空白、改变尺寸；只在保存时临时改掉它，保存之后 rcParams 应与之前相同。
然后运行 python save_exact.py：批改读回 PNG 文件头里的宽和高。
"""
import struct
import sys

import matplotlib
matplotlib.use("Agg")   # 不打开窗口（见正文“无界面保存图片”）
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# ====== 你的代码从这里开始 ======
def save_exact(fig, path, width_px, height_px, dpi):
    """把 fig 保存为 path（.png），像素尺寸为 width_px × height_px。不需要返回值。"""
    raise NotImplementedError("save_exact(fig, path, width_px, height_px, dpi) 还没有写")
# ====== 你的代码到这里结束 ======


def png_size(path):
    """PNG 的宽和高：文件头 8 字节之后的 IHDR 块里，两个大端的 4 字节整数。"""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} 不是 PNG 文件")
    return struct.unpack(">II", head[16:24])


def sample_figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    x = np.linspace(0, 6, 50)
    ax.plot(x, np.sin(x))
    ax.set_title("sin(x)")   # 只用西文：这个练习不依赖中文字体
    return fig


def check_sizes():
    plt.rcParams["savefig.bbox"] = "tight"
    for w, h, dpi in [(640, 480, 100), (800, 300, 72), (333, 222, 150), (1200, 900, 200)]:
        fig = sample_figure()
        save_exact(fig, "out.png", w, h, dpi)
        plt.close(fig)
        got = png_size("out.png")
        if got != (w, h):
            return f"要求 {w}×{h} 像素、dpi={dpi}：保存的 PNG 是 {got[0]}×{got[1]} 像素（想想英寸、dpi 与 savefig.bbox）"


def check_rc_restored():
    plt.rcParams["savefig.bbox"] = "tight"
    before = dict(plt.rcParams)
    fig = sample_figure()
    save_exact(fig, "out.png", 400, 300, 100)
    plt.close(fig)
    changed = sorted(k for k, v in plt.rcParams.items() if before[k] != v)
    if changed:
        return f"保存之后 rcParams 变了（{', '.join(changed)}）：只应在保存的那一刻临时修改"


CHECKS = [("PNG 的像素尺寸", check_sizes), ("保存后恢复 rcParams", check_rc_restored)]


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
