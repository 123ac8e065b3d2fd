# env: main
"""练习（损失函数）：softmax 交叉熵对 logits 的梯度。

在两行标记之间写完 ce_grad(Z, labels)：Z 是 n×k 的 logits，labels 是 n 个类别编号，损失是
n 个样本的交叉熵的平均。返回损失对 Z 的梯度（n×k）。然后运行 python softmax_ce_grad.py：批改用中心差分核对。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def ce_grad(Z, labels):
    """平均交叉熵 mean_i(-log softmax(Z_i)[labels_i]) 对 Z 的梯度，形状 (n, k)。"""
    raise NotImplementedError("ce_grad(Z, labels) 还没有写")
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


def ce(Z, labels):
    s = Z - Z.max(axis=1, keepdims=True)
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(labels)), labels].mean()


rng = np.random.default_rng(0)
Z, labels = rng.normal(size=(6, 4)), np.array([0, 3, 1, 1, 2, 0])


def check_numeric():
    g = np.asarray(ce_grad(Z, labels))
    if g.shape != Z.shape:
        return f"梯度形状应为 {Z.shape}，你的是 {g.shape}"
    if not np.allclose(g, numgrad(lambda v: ce(v, labels), Z), atol=1e-6):
        return "6×4 的随机 logits 上与中心差分不符（别忘了对 n 个样本求平均）"


def check_rows():
    g = np.asarray(ce_grad(Z * 5, labels))
    if not np.allclose(g.sum(axis=1), 0):
        return "每一行梯度之和应为 0（softmax 的各分量之和恒为 1）"


def check_large():
    with np.errstate(all="ignore"):
        g = np.asarray(ce_grad(Z * 1000, labels))
    if not np.all(np.isfinite(g)):
        return "logits 放大 1000 倍后出现 inf 或 nan：softmax 要用稳定的写法"


CHECKS = [("与数值梯度一致", check_numeric), ("每行梯度之和为 0", check_rows), ("大 logits 不溢出", check_large)]


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
