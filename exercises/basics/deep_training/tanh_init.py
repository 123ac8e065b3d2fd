# env: main
"""练习（训练深度网络）：找一个初始化尺度，让 20 层 tanh 网络保住信号。

在两行标记之间写完 init_std(fan_in)：返回权重初始化的标准差（权重取 N(0, std²)）。批改用它初始化宽度 64
与 256 的 20 层 tanh 网络，送进标准正态的输入，要求最后一层激活的标准差不小于 0.3（信号没有消失），
且绝对值大于 0.99 的激活少于 5%（没有饱和）。可以先自己做实验：扫描 std = gain/√fan_in 里的 gain。
然后运行 python tanh_init.py。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def init_std(fan_in):
    """fan_in 是这一层的输入个数；返回权重的标准差（正数）。"""
    raise NotImplementedError("init_std(fan_in) 还没有写")
# ====== 你的代码到这里结束 ======


def forward(width, depth=20, seed=0):
    rng = np.random.default_rng(seed)
    h = rng.normal(size=(512, width))
    for _ in range(depth):
        h = np.tanh(h @ (rng.normal(size=(width, width)) * float(init_std(width))))
    return h


def check_width(width):
    def run():
        h = forward(width)
        std, sat = h.std(), np.mean(np.abs(h) > 0.99)
        if not std >= 0.3:
            return f"宽度 {width}：第 20 层激活的标准差只有 {std:.2g}，信号逐层衰减了（尺度太小）"
        if not sat < 0.05:
            return f"宽度 {width}：第 20 层有 {sat:.0%} 的激活饱和（|h| > 0.99），梯度会消失（尺度太大）"
    return run


CHECKS = [("宽度 64 的 20 层网络", check_width(64)), ("宽度 256 的 20 层网络", check_width(256))]


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
