# env: main
"""练习（激活函数）：写出 GELU 的导数。

GELU(x) = x·Φ(x)，Φ 是标准正态分布的累积分布函数（下面已给出 Phi）。在两行标记之间写完 gelu_grad(x)，
然后运行 python gelu_grad.py：批改用中心差分核对，并检查导数的几个性质。
"""
import math
import sys

import numpy as np

Phi = np.vectorize(lambda t: 0.5 * (1 + math.erf(t / math.sqrt(2))))


def gelu(x):
    return x * Phi(x)

# ====== 你的代码从这里开始 ======
def gelu_grad(x):
    """GELU 对 x 的导数，x 是 NumPy 数组，逐元素计算，返回同形状的数组。"""
    raise NotImplementedError("gelu_grad(x) 还没有写")
# ====== 你的代码到这里结束 ======


x = np.linspace(-6, 6, 121)


def check_shape():
    g = np.asarray(gelu_grad(x.reshape(11, 11)))
    if g.shape != (11, 11):
        return f"输入形状 (11, 11)，输出形状应相同，你的是 {g.shape}"


def check_numeric():
    g = np.asarray(gelu_grad(x))
    num = (gelu(x + 1e-5) - gelu(x - 1e-5)) / 2e-5
    bad = np.abs(g - num) > 1e-6
    if bad.any():
        return f"在 x = {x[bad][0]:.1f} 等 {bad.sum()} 个点上与中心差分不符（乘积法则：x·Φ(x) 两项都要求导）"


def check_limits():
    g = np.asarray(gelu_grad(np.array([-30.0, 0.0, 30.0])))
    if not (abs(g[0]) < 1e-9 and abs(g[1] - 0.5) < 1e-12 and abs(g[2] - 1) < 1e-9):
        return "x → -∞ 时导数应趋于 0，x → +∞ 时趋于 1，x = 0 处应为 1/2"


CHECKS = [("输出形状", check_shape), ("与数值导数一致", check_numeric), ("两端的极限与原点的值", check_limits)]


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
