# env: main
"""练习（训练深度网络）：写出训练时的（倒置）暂退法。

在两行标记之间写完 dropout(x, p, rng)：每个元素以概率 p 置零，保留的元素放大，使输出的期望与输入相同。
然后运行 python dropout.py：批改检查置零的比例、期望、保留元素的缩放与 p = 0 的情形。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def dropout(x, p, rng):
    """训练时的暂退法：x 是数组，0 ≤ p < 1，rng 是 np.random.Generator。返回同形状的数组。"""
    raise NotImplementedError("dropout(x, p, rng) 还没有写")
# ====== 你的代码到这里结束 ======


x = np.full((400, 500), 2.0)


def check_fraction():
    out = np.asarray(dropout(x, 0.3, np.random.default_rng(0)))
    frac = np.mean(out == 0)
    if out.shape != x.shape or abs(frac - 0.3) > 0.01:
        return f"p = 0.3 时应约有 30% 的元素为 0（形状不变），你的是 {frac:.1%}"


def check_scale():
    out = np.asarray(dropout(x, 0.3, np.random.default_rng(1)))
    kept = out[out != 0]
    if kept.size == 0 or not np.allclose(kept, kept[0]) or abs(out.mean() - 2.0) > 0.02:
        return "输入全是 2 时，保留的元素应都相同，输出的平均值应仍约为 2（保留的要放大多少倍？）"


def check_identity():
    out = np.asarray(dropout(x, 0.0, np.random.default_rng(2)))
    if not np.array_equal(out, x):
        return "p = 0 时输出应与输入完全相同"


def check_random():
    a = np.asarray(dropout(x, 0.5, np.random.default_rng(3)))
    b = np.asarray(dropout(x, 0.5, np.random.default_rng(4)))
    if np.array_equal(a == 0, b == 0):
        return "不同的随机数发生器应给出不同的掩码：掩码要从 rng 抽取"


CHECKS = [("置零的比例", check_fraction), ("保留元素的缩放", check_scale), ("p = 0 时不变", check_identity),
          ("掩码来自 rng", check_random)]


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
