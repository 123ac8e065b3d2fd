# env: main
"""练习（反向传播）：自己写一个梯度检查。

反向传播写错时最可靠的发现办法是和数值梯度比较。在两行标记之间写完 grad_check(f, grad, x)：
用中心差分估计 f 在 x 处的梯度，返回它与解析梯度 grad(x) 的相对误差 |a−n| / max(|a|+|n|, 1e-12)（取各元素的最大值）。
然后运行 python grad_check.py：批改用几个已知对错的梯度考你的检查器。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def grad_check(f, grad, x, h=1e-5):
    """f: 数组 → 数；grad: 数组 → 同形状数组；x: 任意形状的浮点数组。返回最大相对误差（一个数）。"""
    raise NotImplementedError("grad_check(f, grad, x) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
A = rng.normal(size=(3, 3))
x0 = rng.normal(size=(3, 3))
CASES = [  # (说明, f, grad, 它对不对)
    ("f(x)=Σx³", lambda x: np.sum(x ** 3), lambda x: 3 * x ** 2, True),
    ("f(x)=Σ sin(x)·x", lambda x: np.sum(np.sin(x) * x), lambda x: np.cos(x) * x + np.sin(x), True),
    ("f(X)=Σ(A·X)²（矩阵）", lambda x: np.sum((A @ x) ** 2), lambda x: 2 * A.T @ (A @ x), True),
    ("f(x)=Σx³ 配上少了系数的梯度", lambda x: np.sum(x ** 3), lambda x: x ** 2, False),
    ("f(X)=Σ(A·X)² 配上转置错了的梯度", lambda x: np.sum((A @ x) ** 2), lambda x: 2 * A @ (A @ x), False),
]


def check_case(label, f, g, right):
    def run():
        err = float(grad_check(f, g, x0.copy()))
        if right and not err < 1e-6:
            return f"{label}：梯度是对的，你的检查器给出相对误差 {err:.2g}（应远小于 1e-6；差分步长与公式对吗？）"
        if not right and not err > 1e-2:
            return f"{label}：梯度是错的，你的检查器只给出相对误差 {err:.2g}，没能发现"
    return run


def check_untouched():
    x = x0.copy()
    grad_check(CASES[0][1], CASES[0][2], x)
    if not np.array_equal(x, x0):
        return "检查结束后 x 被改动了：扰动一个元素之后要恢复原值（或在副本上扰动）"


CHECKS = [(f"{'对' if r else '错'}的梯度：{s}", check_case(s, f, g, r)) for s, f, g, r in CASES]
CHECKS.append(("不改动输入 x", check_untouched))


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
