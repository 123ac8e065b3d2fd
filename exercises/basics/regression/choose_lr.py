# env: main
"""练习（回归）：为梯度下降选一个学习率——又快又不发散。

在两行标记之间写完 choose_lr(X)：看数据本身（不许试跑梯度下降），返回一个学习率，
使不带截距的线性回归 y ≈ X·w（均方误差）从零开始的梯度下降在 100 步内收敛到最小二乘解附近。
然后运行 python choose_lr.py。批改在几组尺度悬殊的数据上真的跑梯度下降。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def choose_lr(X):
    """根据特征矩阵 X（n×d）返回梯度下降的学习率（正数）。"""
    raise NotImplementedError("choose_lr(X) 还没有写")
# ====== 你的代码到这里结束 ======


def run_gd(X, y, lr, steps=100):
    A = X
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        theta = theta - lr * 2 * A.T @ (A @ theta - y) / len(y)
    return theta, np.linalg.lstsq(A, y, rcond=None)[0]


def make(scale, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(200, 2)) @ np.array([[1.0, 0.6], [0.0, 1.0]]) * scale
    return X, X @ np.array([1.5, -2.0]) / scale + 0.1 * rng.normal(size=200)


def check_case(scale, seed):
    def check():
        X, y = make(scale, seed)
        lr = float(choose_lr(X))
        if not lr > 0:
            return f"特征尺度 {scale} 的数据上学习率应是正数，你的是 {lr}"
        theta, best = run_gd(X, y, lr)
        if not np.all(np.isfinite(theta)) or np.abs(theta).max() > 1e6:
            return f"特征尺度 {scale} 的数据上梯度下降发散了：学习率太大（想想损失的曲率由什么决定）"
        if np.abs(theta - best).max() > 1e-3:
            return f"特征尺度 {scale} 的数据上 100 步后离最小二乘解还远：学习率太小"
    return check


CHECKS = [(f"特征尺度 {s} 时 100 步内收敛", check_case(s, i)) for i, s in enumerate([1.0, 10.0, 0.1])]


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
