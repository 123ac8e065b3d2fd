# env: main
"""练习（学习方式）：用奇异值分解做主成分分析。

在两行标记之间写完 pca_svd(X, m)：先把 X 中心化，再对它做奇异值分解（np.linalg.svd），返回
(components, variances, Z)——前 m 个主成分方向（形状 (m, d)，每行一个单位向量）、数据在这些方向上的方差
（σ_k² / (n − 1)，从大到小），以及投影后的数据 Z（形状 (n, m)）。不用 np.cov 或 scikit-learn。
然后运行 python pca_svd.py：批改在手写数字上检查正文说的几条性质，并与 scikit-learn 的 PCA 比较。
"""
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

# ====== 你的代码从这里开始 ======
def pca_svd(X, m):
    """X：(n, d)。返回 components (m, d)、variances (m,)、Z (n, m)。"""
    raise NotImplementedError("pca_svd(X, m) 还没有写")
# ====== 你的代码到这里结束 ======


X = load_digits().data
M = 5


def check_shapes():
    V, var, Z = (np.asarray(a) for a in pca_svd(X, M))
    if V.shape != (M, X.shape[1]) or var.shape != (M,) or Z.shape != (len(X), M):
        return f"m = {M}：形状应是 ({M}, 64)、({M},)、({len(X)}, {M})，你的是 {V.shape}、{var.shape}、{Z.shape}"


def check_orthonormal():
    V, _, _ = (np.asarray(a) for a in pca_svd(X, M))
    if not np.allclose(V @ V.T, np.eye(M), atol=1e-8):
        return "主成分方向应两两正交、长度为 1（V·Vᵀ = I）"


def check_variances():
    V, var, Z = (np.asarray(a) for a in pca_svd(X, M))
    cov = np.cov(Z, rowvar=False)
    if not np.allclose(cov, np.diag(var), atol=1e-6):
        return "投影后的各维应互不相关，方差等于返回的 variances（样本方差，除以 n − 1；先中心化）"
    if not (np.diff(var) <= 1e-12).all():
        return "variances 应从大到小排列"


def check_sklearn():
    V, var, _ = (np.asarray(a) for a in pca_svd(X, M))
    ref = PCA(M).fit(X)
    if not np.allclose(var, ref.explained_variance_, rtol=1e-8):
        return "各主成分的方差应与 scikit-learn 的 explained_variance_ 相同"
    if not np.allclose(np.abs((V * ref.components_).sum(1)), 1, atol=1e-6):
        return "主成分方向应与 scikit-learn 的 components_ 相同（允许差一个正负号）"


CHECKS = [("形状", check_shapes), ("方向是单位正交的", check_orthonormal), ("投影不相关、方差从大到小", check_variances),
          ("与 scikit-learn 的 PCA 一致", check_sklearn)]


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
