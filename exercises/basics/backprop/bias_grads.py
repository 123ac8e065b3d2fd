# env: main
"""练习（反向传播）：给两层网络补上偏置的梯度。

网络 h = tanh(X·W1 + b1)，out = h·W2 + b2，损失 L = mean((out − y)²)。下面的 backward 已经算出
W1、W2 的梯度；在两行标记之间写完 bias_grads，返回 (db1, db2)。然后运行 python bias_grads.py：批改用中心差分核对。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def bias_grads(X, y, W1, b1, W2, b2):
    """返回 (db1, db2)：损失对 b1（形状同 b1）与 b2（形状同 b2）的梯度。
    提示：可以照抄 backward 里算 dW1、dW2 的中间量。"""
    raise NotImplementedError("bias_grads(X, y, W1, b1, W2, b2) 还没有写")
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


def loss(X, y, W1, b1, W2, b2):
    return np.mean((np.tanh(X @ W1 + b1) @ W2 + b2 - y) ** 2)


def backward(X, y, W1, b1, W2, b2):
    h = np.tanh(X @ W1 + b1)
    dout = 2 * (h @ W2 + b2 - y) / y.size
    dpre = (dout @ W2.T) * (1 - h ** 2)
    return X.T @ dpre, h.T @ dout


rng = np.random.default_rng(0)
P = (rng.normal(size=(8, 3)), rng.normal(size=(8, 2)), rng.normal(size=(3, 4)), rng.normal(size=4),
     rng.normal(size=(4, 2)), rng.normal(size=2))


def check(i, name):
    def run():
        got = np.asarray(bias_grads(*P)[i])
        k = 3 if i == 0 else 5
        num = numgrad(lambda v: loss(*P[:k], v, *P[k + 1:]), P[k])
        if got.shape != P[k].shape:
            return f"{name} 的形状应为 {P[k].shape}，你的是 {got.shape}"
        if not np.allclose(got, num, atol=1e-6):
            return f"8 个样本的随机网络上 {name} 与中心差分不符：偏置对每个样本都起作用，梯度要沿样本维汇总"
    return run


CHECKS = [("db2 与数值梯度一致", check(1, "db2")), ("db1 与数值梯度一致", check(0, "db1"))]


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
