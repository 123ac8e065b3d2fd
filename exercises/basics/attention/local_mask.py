# env: main
"""练习（注意力机制与 Transformer）：滑动窗口的因果掩码。

长序列上，自注意力的 n² 代价太大。一种省法是让位置 i 只看它自己和前面最近的几个位置：窗口宽 w 时，
位置 i 看得到位置 j 当且仅当 j 不在 i 之后、并且 i − j < w。在两行标记之间写完 local_causal_mask(n, w)，
返回 (n, n) 的布尔数组，第 i 行第 j 列为 True 表示位置 i 可以看位置 j。然后运行 python local_mask.py：
批改逐个改动键和值序列的每个位置，看哪些查询位置的注意力输出跟着变了。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def local_causal_mask(n, w):
    """(n, n) 的布尔掩码：True 表示位置 i 可以看位置 j。"""
    raise NotImplementedError("local_causal_mask(n, w) 还没有写")
# ====== 你的代码到这里结束 ======


def attention(Q, X, mask):
    """查询 Q (n, d) 对键、值 X (n, d) 的缩放点积注意力；被遮住的位置权重为 0，整行被遮住时输出 0。"""
    s = np.where(mask, Q @ X.T / np.sqrt(X.shape[1]), -np.inf)
    top = s.max(axis=1, keepdims=True)
    e = np.exp(s - np.where(np.isfinite(top), top, 0.0))
    total = e.sum(axis=1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0) @ X


def check_window(n, w):
    def run():
        mask = np.asarray(local_causal_mask(n, w))
        if mask.shape != (n, n) or mask.dtype != bool:
            return f"n={n}, w={w}：应返回形状 ({n}, {n}) 的布尔数组，你的是 {mask.shape}、{mask.dtype}"
        rng = np.random.default_rng(n * 10 + w)
        Q, X = rng.normal(size=(n, 8)), rng.normal(size=(n, 8))
        out = attention(Q, X, mask)
        for j in range(n):
            X2 = X.copy()
            X2[j] += 1.0
            changed = np.abs(attention(Q, X2, mask) - out).max(axis=1) > 1e-9
            for i in range(n):
                if changed[i] and (j > i or i - j >= w):
                    where = "在它之后" if j > i else f"离它 {i - j} 步，不在宽 {w} 的窗口里"
                    return f"n={n}, w={w}：位置 {i} 的输出随位置 {j} 变了，但位置 {j} {where}"
                if not changed[i] and j <= i < j + w:
                    return f"n={n}, w={w}：位置 {i} 应该看得到位置 {j}（在窗口里），它的输出却不随位置 {j} 变化"
    return run


CHECKS = [("n=10，窗口 w=3", check_window(10, 3)), ("n=6，窗口 w=1（只看自己）", check_window(6, 1)),
          ("n=7，窗口 w=20（比序列长，就是普通的因果掩码）", check_window(7, 20))]


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
