# env: main
"""练习（NumPy）：用广播计算两组点之间的平方距离。

在两行标记之间写完 sq_dists(A, B)：A 是 n×d、B 是 m×d，返回 n×m 的矩阵，第 (i, j) 个元素是
‖A_i − B_j‖²。不用 Python 循环（提示：‖a−b‖² = ‖a‖² − 2a·b + ‖b‖²，或者给 A、B 各加一个长度为 1 的轴）。
然后运行 python pairwise_dists.py：批改与循环的结果比较，并检查你的代码没有逐个取出点来循环。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def sq_dists(A, B):
    """返回形状 (n, m) 的平方距离矩阵。"""
    raise NotImplementedError("sq_dists(A, B) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
A, B = rng.normal(size=(7, 3)), rng.normal(size=(5, 3))


def check_loop():
    out = np.asarray(sq_dists(A, B))
    want = np.array([[np.sum((a - b) ** 2) for b in B] for a in A])
    if out.shape != (7, 5) or not np.allclose(out, want):
        return "7 个点与 5 个点（d = 3）：应得到 7×5 的矩阵，与逐对计算的结果相同"


def check_self():
    out = np.asarray(sq_dists(A, A))
    if not (np.allclose(np.diag(out), 0, atol=1e-9) and np.allclose(out, out.T) and out.min() > -1e-9):
        return "一组点与自己：对角线应为 0，矩阵对称，没有负数"


class NoLoop(np.ndarray):
    """不许逐行取出的数组：for a in A、A[i] 都会报错，整体的运算（广播、矩阵乘法、求和）照常。"""

    def __iter__(self):
        raise LoopError

    def __getitem__(self, key):
        if isinstance(key, (int, np.integer)) or (isinstance(key, tuple) and key and isinstance(key[0], (int, np.integer))):
            raise LoopError
        return super().__getitem__(key)


class LoopError(Exception):
    pass


def check_vectorized():
    X, Y = rng.normal(size=(30, 4)).view(NoLoop), rng.normal(size=(20, 4)).view(NoLoop)
    try:
        out = np.asarray(sq_dists(X, Y))
    except LoopError:
        return "你的代码在逐个取出点（for 循环或 A[i]）：改用广播或矩阵乘法，一次算出整个矩阵"
    want = np.array([[np.sum((a - b) ** 2) for b in np.asarray(Y)] for a in np.asarray(X)])
    if out.shape != (30, 20) or not np.allclose(out, want):
        return "30 个点与 20 个点（d = 4）：不用循环时也应得到 30×20 的正确结果"


CHECKS = [("与逐对计算一致", check_loop), ("自身距离的性质", check_self), ("向量化（不逐个取点）", check_vectorized)]


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
