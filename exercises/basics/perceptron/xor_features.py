# env: main
"""练习（感知机）：给 XOR 设计特征，让单个感知机学会它。

单个感知机学不会 XOR，因为四个点线性不可分。在两行标记之间写完 features(X)：把每个点 (x1, x2) 映射成
不超过 3 个数的特征（可以用 x1、x2 的任何函数，但不许用标签），使感知机在新特征上能把四个点全部分对。
然后运行 python xor_features.py：批改在你的特征上真的训练一个感知机。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def features(X):
    """X 形状 (n, 2)，取值 0 或 1；返回形状 (n, k) 的特征，k ≤ 3。"""
    raise NotImplementedError("features(X) 还没有写")
# ====== 你的代码到这里结束 ======


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([-1, 1, 1, -1])


def train(F, epochs=100):
    w, b = np.zeros(F.shape[1]), 0.0
    for _ in range(epochs):
        for f, y in zip(F, Y):
            if y * (w @ f + b) <= 0:
                w, b = w + y * f, b + y
    return w, b


def check_shape():
    F = np.asarray(features(X), dtype=float)
    if F.ndim != 2 or F.shape[0] != 4 or not 1 <= F.shape[1] <= 3:
        return f"输入 4 个点应得到形状 (4, k)、1 ≤ k ≤ 3 的特征，你的形状是 {F.shape}"


def check_pointwise():
    F = np.asarray(features(X), dtype=float)
    G = np.vstack([np.asarray(features(X[i:i + 1]), dtype=float) for i in range(4)])
    if not np.allclose(F, G):
        return "每个点的特征只能由它自己的 (x1, x2) 决定：一次传入一个点与一次传入四个点结果不同"


def check_separable():
    F = np.asarray(features(X), dtype=float)
    w, b = train(F)
    pred = np.where(F @ w + b > 0, 1, -1)
    if not np.all(pred == Y):
        return f"在你的特征上训练 100 轮后仍有 {int(np.sum(pred != Y))} 个点分错：四个点在新特征上要线性可分"


CHECKS = [("特征的形状", check_shape), ("特征逐点计算", check_pointwise), ("感知机学会 XOR", check_separable)]


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
