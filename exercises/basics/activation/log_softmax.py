# env: main
"""练习（激活函数）：数值稳定的 log-softmax。

在两行标记之间写完 log_softmax(z)（沿最后一维），要求对很大或很小的输入也不溢出，然后运行 python log_softmax.py。
批改检查：exp 之后每行和为 1、平移不变、与朴素公式在普通输入上一致、在 ±1000 这样的输入上仍是有限值。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def log_softmax(z):
    """z 形状 (..., k)；返回 log(softmax(z))，沿最后一维，形状同 z。"""
    raise NotImplementedError("log_softmax(z) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
Z = rng.normal(size=(5, 4))


def check_naive():
    out = np.asarray(log_softmax(Z))
    naive = np.log(np.exp(Z) / np.exp(Z).sum(axis=-1, keepdims=True))
    if out.shape != Z.shape or not np.allclose(out, naive):
        return "5×4 的标准正态输入上，结果应与 log(exp(z)/Σexp(z)) 相同（形状也相同）"


def check_sums():
    out = np.asarray(log_softmax(Z * 10))
    if not np.allclose(np.exp(out).sum(axis=-1), 1):
        return "exp(log_softmax(z)) 沿最后一维之和应为 1"


def check_shift():
    if not np.allclose(log_softmax(Z + 7.5), log_softmax(Z)):
        return "z 的每个元素都加同一个常数，结果不应改变"


def check_extreme():
    z = np.array([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -1001.0]])
    with np.errstate(all="ignore"):
        out = np.asarray(log_softmax(z))
    if not np.all(np.isfinite(out)) or not np.allclose(np.exp(out).sum(axis=-1), 1):
        return "输入含 ±1000 时出现了 inf 或 nan：先减去什么再取指数，exp 就不会溢出？"


CHECKS = [("与朴素公式一致", check_naive), ("概率和为 1", check_sums), ("平移不变", check_shift),
          ("极端输入不溢出", check_extreme)]


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
