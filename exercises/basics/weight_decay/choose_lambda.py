# env: main
"""练习（权重衰减）：设计一个小实验，用验证集选正则化强度。

12 个带噪声的点上拟合 9 次多项式会过拟合。在两行标记之间写完 choose_lambda(X_train, y_train, X_val, y_val)：
自己设计实验（例如在对数网格上比较验证集误差），返回一个 λ。然后运行 python choose_lambda.py：批改要求你的 λ
在验证集上的均方误差不超过最好的 λ 的 1.1 倍，并且比不正则化（λ = 0）好。
"""
import sys

import numpy as np


def features(x, degree=9):
    return np.vander(x, degree + 1, increasing=True)


def ridge(X, y, lam):
    """岭回归的闭式解 (XᵀX + nλI)⁻¹Xᵀy（最小化 mean((Xw−y)²) + λ‖w‖²）。"""
    return np.linalg.solve(X.T @ X + len(y) * lam * np.eye(X.shape[1]), X.T @ y)

# ====== 你的代码从这里开始 ======
def choose_lambda(X_train, y_train, X_val, y_val):
    """返回正则化强度 λ ≥ 0。可以调用上面的 ridge(X, y, lam)。"""
    raise NotImplementedError("choose_lambda(X_train, y_train, X_val, y_val) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
f = lambda x: np.sin(np.pi * x)
x_tr, x_va = rng.uniform(-1, 1, 12), rng.uniform(-1, 1, 200)
X_tr, X_va = features(x_tr), features(x_va)
y_tr, y_va = f(x_tr) + 0.2 * rng.normal(size=12), f(x_va) + 0.2 * rng.normal(size=200)
val = lambda lam: np.mean((X_va @ ridge(X_tr, y_tr, lam) - y_va) ** 2)


def check_value():
    lam = float(choose_lambda(X_tr, y_tr, X_va, y_va))
    if not lam >= 0:
        return f"λ 应是非负数，你的是 {lam}"
    best = min(val(t) for t in np.logspace(-10, 1, 221))
    if val(lam) > 1.1 * best:
        return f"λ = {lam:.3g} 的验证误差比最好的 λ 大 10% 以上：网格要覆盖好几个数量级（对数刻度）"
    if not val(lam) < val(0.0):
        return "还不如不正则化"


CHECKS = [("验证误差接近最优", check_value)]


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
