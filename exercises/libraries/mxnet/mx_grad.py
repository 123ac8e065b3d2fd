# env: mxnet
"""练习（MXNet）：用 autograd 求导。

在两行标记之间写完 mx_grad(f, x)：x 是 NumPy 数组，f 把 mxnet.np 数组映射成数组；用 attach_grad、
autograd.record 与 backward 求 f 在 x 处的梯度，以 NumPy 数组返回（结果不是标量时，backward 对所有元素求和，
正文说过这时得到的是逐点的导数）。然后在 MXNet 环境里运行 python mx_grad.py：批改与解析导数比较，
包括一个带 Python 循环和分支的函数。
"""
import sys

import numpy as onp
from mxnet import autograd, np, npx  # noqa: F401  (你的代码里用 autograd)

npx.set_np()

# ====== 你的代码从这里开始 ======
def mx_grad(f, x):
    """返回 f 在 x 处的梯度（NumPy 数组，形状同 x）。"""
    raise NotImplementedError("mx_grad(f, x) 还没有写")
# ====== 你的代码到这里结束 ======


def doubling(a):
    """正文的例子：反复乘 2 直到范数超过 100，再视符号决定是否取反。"""
    b = a * 2
    while np.linalg.norm(b) < 100:
        b = b * 2
    return b if b.sum() > 0 else -b


x0 = onp.array([[-1.5, -0.2, 0.0], [0.7, 1.0, 2.5]])
CASES = [
    ("逐元素的 f(x) = x³ − 2x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2),
    ("标量的 f(x) = Σ sin(x)·x", lambda x: (np.sin(x) * x).sum(), lambda x: onp.sin(x) + x * onp.cos(x)),
    ("逐元素的 f(x) = exp(−x²)", lambda x: np.exp(-x ** 2), lambda x: -2 * x * onp.exp(-x ** 2)),
]


def check(label, f, df):
    def run():
        g = mx_grad(f, x0.copy())
        if not isinstance(g, onp.ndarray):
            return f"{label}：应返回 NumPy 数组（mxnet 数组的 .asnumpy()），你返回的是 {type(g).__name__}"
        if g.shape != x0.shape or not onp.allclose(g, df(x0), atol=1e-5):
            return f"{label}：梯度不对；x 要先 attach_grad，前向计算要写在 autograd.record() 里"
    return run


def check_control_flow():
    for a in (onp.array([0.3, -0.1]), onp.array([-2.0, 0.5])):
        g = mx_grad(doubling, a.copy())
        c = doubling(np.array(a)).asnumpy() / a           # f(a) = c·a，c 是 ±2 的幂
        if not onp.allclose(onp.asarray(g), c, atol=1e-5):
            return f"a = {a.tolist()}：这条路径上 f(a) = c·a，梯度应是每个分量都等于 c 的数组"


CHECKS = [(label, check(label, f, df)) for label, f, df in CASES] + [("循环与分支（define-by-run）", check_control_flow)]


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
