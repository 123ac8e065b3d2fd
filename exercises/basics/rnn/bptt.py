# env: main
"""练习（循环神经网络）：时间反向传播。

下面的 forward 是本章的循环神经网络（行向量约定，输入 X 是 (T, n, V) 的独热向量，Y 是 (T, n) 的目标编号）：
  H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h)，O_t = H_t W_hq + b_q，损失是 T·n 个交叉熵的平均。
在两行标记之间写完 bptt(params, X, Y, h0)：返回五个参数的梯度 [dW_xh, dW_hh, db_h, dW_hq, db_q]
与初始隐状态的梯度 dh0。然后运行 python bptt.py：批改用中心差分逐个核对（含只有一步的序列）。
"""
import sys

import numpy as np


def forward(params, X, h0):
    """返回各步隐状态 H (T, n, H) 与 softmax 概率 P (T, n, V)。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, h = [], h0
    for x in X:
        h = np.tanh(x @ W_xh + h @ W_hh + b_h)
        H.append(h)
    O = np.stack(H) @ W_hq + b_q
    P = np.exp(O - O.max(axis=-1, keepdims=True))
    return np.stack(H), P / P.sum(axis=-1, keepdims=True)


def loss_fn(params, X, Y, h0):
    _, P = forward(params, X, h0)
    return -np.mean(np.log(np.take_along_axis(P, Y[..., None], axis=-1)))

# ====== 你的代码从这里开始 ======
def bptt(params, X, Y, h0):
    """返回 ([dW_xh, dW_hh, db_h, dW_hq, db_q], dh0)，形状与参数、h0 相同。"""
    raise NotImplementedError("bptt(params, X, Y, h0) 还没有写")
# ====== 你的代码到这里结束 ======


def numgrad(f, A, h=1e-6):
    """中心差分：原地扰动数组 A 的每个元素，返回 f 对 A 的数值导数。"""
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        old = A[i]
        A[i] = old + h
        up = f()
        A[i] = old - h
        g[i] = (up - f()) / (2 * h)
        A[i] = old
    return g


def check_case(V, H, T, n, seed):
    def run():
        rng = np.random.default_rng(seed)
        params = [rng.normal(0, 0.5, s) for s in ((V, H), (H, H), (H,), (H, V), (V,))]
        X, Y = np.eye(V)[rng.integers(0, V, (T, n))], rng.integers(0, V, (T, n))
        h0 = rng.normal(0, 0.5, (n, H))
        grads, dh0 = bptt(params, X, Y, h0)
        for name, g, A in zip(("W_xh", "W_hh", "b_h", "W_hq", "b_q", "h0"), list(grads) + [dh0], params + [h0]):
            g = np.asarray(g)
            if g.shape != A.shape:
                return f"V={V}、H={H}、T={T}、n={n}：{name} 的梯度形状应为 {A.shape}，你的是 {g.shape}"
            num = numgrad(lambda: loss_fn(params, X, Y, h0), A)
            if np.linalg.norm(g - num) > 1e-6 * (np.linalg.norm(g) + np.linalg.norm(num)) + 1e-10:
                hint = "（别忘了第 t 步的隐状态还影响第 t+1 步：沿时间往回传的那一项）" if name in ("W_hh", "h0", "W_xh") else ""
                return f"V={V}、H={H}、T={T}、n={n}：{name} 的梯度与中心差分不符{hint}"
    return run


CHECKS = [("V=5、H=4、T=6、n=3", check_case(5, 4, 6, 3, 0)), ("只有一步：T=1", check_case(4, 3, 1, 2, 1)),
          ("单个序列、较长：T=15、n=1", check_case(3, 5, 15, 1, 2))]


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
