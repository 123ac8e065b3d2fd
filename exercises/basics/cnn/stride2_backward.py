# env: main
"""练习（卷积神经网络）：步幅为 2 的卷积的反向传播。

下面的 conv_forward 是单通道、无填充、步幅 2 的二维卷积（互相关）。在两行标记之间写完
conv_backward(x, w, dy)：dy 是损失对输出的梯度，返回损失对输入与卷积核的梯度 (dx, dw)。
然后运行 python stride2_backward.py：批改用中心差分核对（输入边长为奇数与偶数各一种）。
"""
import sys

import numpy as np


def conv_forward(x, w, stride=2):
    k = w.shape[0]
    n = (x.shape[0] - k) // stride + 1
    m = (x.shape[1] - k) // stride + 1
    y = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            y[i, j] = np.sum(x[i * stride:i * stride + k, j * stride:j * stride + k] * w)
    return y

# ====== 你的代码从这里开始 ======
def conv_backward(x, w, dy, stride=2):
    """返回 (dx, dw)，形状分别同 x 与 w。"""
    raise NotImplementedError("conv_backward(x, w, dy) 还没有写")
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


def check_case(shape, k, seed):
    def run():
        rng = np.random.default_rng(seed)
        x, w = rng.normal(size=shape), rng.normal(size=(k, k))
        dy = rng.normal(size=conv_forward(x, w).shape)
        dx, dw = (np.asarray(a) for a in conv_backward(x, w, dy))
        if dx.shape != x.shape or dw.shape != w.shape:
            return f"输入 {shape}、核 {k}×{k}：dx 形状应为 {x.shape}、dw 应为 {w.shape}，你的是 {dx.shape}、{dw.shape}"
        if not np.allclose(dw, numgrad(lambda v: np.sum(conv_forward(x, v) * dy), w), atol=1e-6):
            return f"输入 {shape}、核 {k}×{k}：dw 与中心差分不符"
        if not np.allclose(dx, numgrad(lambda v: np.sum(conv_forward(v, w) * dy), x), atol=1e-6):
            return (f"输入 {shape}、核 {k}×{k}：dx 与中心差分不符（每个输出位置把 dy 乘上核，加回它读过的那块输入；"
                    "步幅 2 时有的输入行列一次也没被读到）")
    return run


CHECKS = [("输入 7×7、核 3×3", check_case((7, 7), 3, 0)), ("输入 8×6、核 2×2", check_case((8, 6), 2, 1))]


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
