# env: main
"""练习（现代卷积神经网络）：残差块的反向传播。

为了把注意力放在跳跃连接上，这里的残差块用全连接层代替卷积：h = ReLU(x W1)，y = ReLU(h W2 + x)
（x 是 N×D 的矩阵，W1、W2 都是 D×D）。在两行标记之间写完 block_backward(x, W1, W2, dy)：dy 是损失对 y 的梯度，
返回 (dx, dW1, dW2)。然后运行 python residual_backward.py：批改用中心差分核对三个梯度，
并检查 W2 = 0 时梯度沿恒等捷径原样传回。
"""
import sys

import numpy as np


def block_forward(x, W1, W2):
    h = np.maximum(x @ W1, 0)
    return np.maximum(h @ W2 + x, 0)

# ====== 你的代码从这里开始 ======
def block_backward(x, W1, W2, dy):
    """返回 (dx, dW1, dW2)，形状分别同 x、W1、W2。"""
    raise NotImplementedError("block_backward(x, W1, W2, dy) 还没有写")
# ====== 你的代码到这里结束 ======


def numgrad(f, a, h=1e-6):
    """中心差分：f 对数组 a 每个元素的数值导数。"""
    a = np.array(a, dtype=float)
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        e = np.zeros_like(a)
        e[i] = h
        g[i] = (f(a + e) - f(a - e)) / (2 * h)
    return g


rng = np.random.default_rng(0)
X, W1, W2 = rng.normal(size=(5, 4)), rng.normal(size=(4, 4)) / 2, rng.normal(size=(4, 4)) / 2
DY = rng.normal(size=(5, 4))


def check_grad(which):
    def run():
        grads = [np.asarray(g) for g in block_backward(X, W1, W2, DY)]
        names, args = ["dx", "dW1", "dW2"], [X, W1, W2]
        i = names.index(which)
        if grads[i].shape != args[i].shape:
            return f"{which} 的形状应为 {args[i].shape}，你的是 {grads[i].shape}"
        def loss(a):
            vals = [a if j == i else args[j] for j in range(3)]
            return np.sum(block_forward(*vals) * DY)
        if not np.allclose(grads[i], numgrad(loss, args[i]), atol=1e-6):
            hint = "别忘了恒等捷径那一项" if which == "dx" else "先乘上外层 ReLU 的导数，再沿 h W2 往回传"
            return f"{which} 与中心差分不符（{hint}）"
    return run


def check_identity():
    dx = np.asarray(block_backward(X, W1, np.zeros_like(W2), DY)[0])
    if not np.allclose(dx, DY * (X > 0)):
        return "W2 = 0 时 F(x) = 0，y = ReLU(x)：dx 应只剩恒等捷径传回的 dy·[x > 0]"


CHECKS = [("∂L/∂x", check_grad("dx")), ("∂L/∂W1", check_grad("dW1")), ("∂L/∂W2", check_grad("dW2")),
          ("W2 = 0 时梯度沿捷径原样传回", check_identity)]


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
