# env: main
"""练习（回归）：线性回归的均方误差对 w 与 b 的梯度。

在两行标记之间写完 mse_grad，然后运行 python mse_grad.py：每项检查打印 ✓ 或 ✗，全部通过时退出码为 0。
批改用中心差分核对你的梯度，不存标准答案。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def mse_grad(X, y, w, b):
    """损失 L = mean((X @ w + b - y) ** 2) 对 w（形状同 w）与 b（标量）的梯度，返回 (dw, db)。"""
    raise NotImplementedError("mse_grad(X, y, w, b) 还没有写")
# ====== 你的代码到这里结束 ======


def numgrad(f, x, h=1e-6):
    """中心差分：f 对数组 x 每个元素的数值导数（用来核对你写的解析梯度）。"""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def loss(X, y, w, b):
    return np.mean((X @ w + b - y) ** 2)


rng = np.random.default_rng(0)
X, y, w, b = rng.normal(size=(50, 3)), rng.normal(size=50), rng.normal(size=3), 0.3


def check_shapes():
    dw, db = mse_grad(X, y, w, b)
    if np.shape(dw) != w.shape or np.ndim(db) != 0:
        return f"dw 的形状应与 w 相同 {w.shape}，db 应是一个数；你的是 {np.shape(dw)} 与 {np.shape(db)}"


def check_dw():
    dw, _ = mse_grad(X, y, w, b)
    num = numgrad(lambda v: loss(X, y, v, b), w)
    if not np.allclose(dw, num, atol=1e-5):
        return "50×3 的随机数据上，dw 与中心差分不符；检查求平均的 1/n 与系数 2"


def check_db():
    _, db = mse_grad(X, y, w, b)
    num = numgrad(lambda v: loss(X, y, w, v[0]), [b])[0]
    if not np.isclose(db, num, atol=1e-5):
        return "db 与中心差分不符：b 加在每个样本上，它的梯度是残差的某种汇总"


def check_minimum():
    A = np.c_[X, np.ones(len(X))]
    sol = np.linalg.lstsq(A, y, rcond=None)[0]
    dw, db = mse_grad(X, y, sol[:3], sol[3])
    if np.abs(dw).max() > 1e-8 or abs(db) > 1e-8:
        return "在最小二乘解（np.linalg.lstsq）处梯度应为 0，你的不是"


CHECKS = [("返回值的形状", check_shapes), ("dw 与数值梯度一致", check_dw), ("db 与数值梯度一致", check_db),
          ("最小二乘解处梯度为零", check_minimum)]


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
