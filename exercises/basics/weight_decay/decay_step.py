# env: main
"""练习（权重衰减）：带 L2 正则化的一步梯度下降。

在两行标记之间写完 decay_step(w, grad, lr, lam)：grad 是原损失 L(w) 的梯度，返回对 L(w) + (λ/2)·‖w‖² 做
一步学习率为 lr 的梯度下降后的 w。然后运行 python decay_step.py：批改用中心差分求正则化后损失的梯度来核对。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def decay_step(w, grad, lr, lam):
    """一步梯度下降，目标是 L(w) + lam/2·‖w‖²；grad = ∇L(w)。返回新的 w，不要原地修改。"""
    raise NotImplementedError("decay_step(w, grad, lr, lam) 还没有写")
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


rng = np.random.default_rng(0)
A, c = rng.normal(size=(5, 4)), rng.normal(size=5)
L = lambda w: 0.5 * np.sum((A @ w - c) ** 2)
dL = lambda w: A.T @ (A @ w - c)


def check_equation():
    for lam in (0.0, 0.1, 3.0):
        w = rng.normal(size=4)
        got = np.asarray(decay_step(w.copy(), dL(w), 0.05, lam))
        want = w - 0.05 * numgrad(lambda v, lam=lam: L(v) + lam / 2 * v @ v, w)
        if got.shape != w.shape or not np.allclose(got, want, atol=1e-6):
            return f"λ = {lam} 时与正则化后损失的梯度下降一步不符（正则项 λ/2·‖w‖² 的梯度是什么？）"


def check_shrinks():
    w = np.array([3.0, -4.0, 1.0, 2.0])
    got = np.asarray(decay_step(w.copy(), np.zeros(4), 0.1, 0.5))
    if not (np.linalg.norm(got) < np.linalg.norm(w) and np.allclose(got / np.linalg.norm(got), w / np.linalg.norm(w))):
        return "原损失梯度为 0 时，一步之后 w 应沿原方向变短（这就是“衰减”）"


CHECKS = [("与正则化损失的梯度下降一致", check_equation), ("梯度为零时权重按比例缩小", check_shrinks)]


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
