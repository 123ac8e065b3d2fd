# env: main
"""练习（学习方式）：K-均值的一轮（Lloyd 算法）。

在两行标记之间写完 kmeans_step(X, centers)：先把每个点分给最近的中心，再把每个中心移到它名下各点的均值；
没有分到任何点的中心留在原处。返回 (labels, new_centers)。然后运行 python kmeans_step.py：批改检查
两步各自的定义，并在鸢尾花数据上确认目标 J 每一轮都不增大、收敛后与 scikit-learn 的 inertia_ 相同。
"""
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris

# ====== 你的代码从这里开始 ======
def kmeans_step(X, centers):
    """X：(n, d)；centers：(k, d)。返回 labels（长 n 的整数数组）与新的 centers（(k, d)）。"""
    raise NotImplementedError("kmeans_step(X, centers) 还没有写")
# ====== 你的代码到这里结束 ======


X = load_iris().data
START = X[[0, 50, 100]].copy()


def J(X, centers, labels):
    return float(((X - centers[labels]) ** 2).sum())


def check_assign():
    labels, _ = kmeans_step(X, START.copy())
    d = ((X[:, None, :] - START[None]) ** 2).sum(-1)
    labels = np.asarray(labels)
    if labels.shape != (len(X),) or not np.allclose(d[np.arange(len(X)), labels], d.min(1)):
        return f"labels 的形状应是 ({len(X)},)，每个点的标签应是离它最近的中心的编号"


def check_means():
    labels, new = kmeans_step(X, START.copy())
    labels, new = np.asarray(labels), np.asarray(new)
    for j in range(len(START)):
        if new.shape != START.shape or not np.allclose(new[j], X[labels == j].mean(0)):
            return f"新的中心 {j} 应是分给它的那些点的均值（形状 {START.shape}）"


def check_empty():
    far = np.vstack([START, [[100.0, 100, 100, 100]]])
    labels, new = kmeans_step(X, far.copy())
    if not np.allclose(np.asarray(new)[3], far[3]) or np.isnan(np.asarray(new)).any():
        return "第 4 个中心离所有点都很远、没有分到点：它应留在原处（不要变成 NaN）"


def check_converge():
    centers, prev = START.copy(), np.inf
    for _ in range(50):
        labels, centers = (np.asarray(a) for a in kmeans_step(X, centers))
        j = J(X, centers, labels)
        if j > prev + 1e-9:
            return "目标 J 在某一轮增大了：两步都只能让 J 变小或不变"
        prev = j
    ref = KMeans(3, init=START, n_init=1).fit(X)
    if not np.isclose(J(X, centers, kmeans_step(X, centers)[0]), ref.inertia_, rtol=1e-6):
        return "从同样的初始中心出发，收敛后的 J 应与 scikit-learn 的 inertia_ 相同"


CHECKS = [("分配给最近的中心", check_assign), ("中心移到均值", check_means), ("空簇的中心不动", check_empty),
          ("J 单调不增并收敛", check_converge)]


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
