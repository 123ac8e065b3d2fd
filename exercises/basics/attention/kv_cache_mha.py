# env: main
"""练习（注意力机制与 Transformer）：多头因果自注意力的 KV 缓存。

逐个生成时，每一步只送进新位置的输入 x（形状 (d,)），前面位置的键和值要从缓存里取。在两行标记之间写完
attend_step(p, x, cache, h)：为新位置算出各头的查询、键、值，把键和值存进 cache（一个字典，第一步时是空的，
里面放什么、怎样放由你决定），返回这个位置的多头注意力输出（形状 (d,)）。它只看得到 x 和缓存，
所以必须用缓存。然后运行 python kv_cache_mha.py：批改逐步与“把整个序列重算一遍”的 full_causal_mha 比较。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def attend_step(p, x, cache, h):
    """p: Wq、Wk、Wv、Wo 为 (d, d)，bq、bk、bv、bo 为 (d,)；x: 新位置的输入 (d,)；返回 (d,)。"""
    raise NotImplementedError("attend_step(p, x, cache, h) 还没有写")
# ====== 你的代码到这里结束 ======


def full_causal_mha(p, X, h):
    """不缓存：对整个序列 X (t, d) 做 h 个头的因果自注意力，返回 (t, d)。"""
    t, d = X.shape
    Q, K, V = ((X @ p["W" + n] + p["b" + n]).reshape(t, h, d // h).transpose(1, 0, 2) for n in "qkv")
    s = np.where(np.tril(np.ones((t, t), bool)), Q @ K.transpose(0, 2, 1) / np.sqrt(d // h), -np.inf)
    A = np.exp(s - s.max(-1, keepdims=True))
    A /= A.sum(-1, keepdims=True)
    return (A @ V).transpose(1, 0, 2).reshape(t, d) @ p["Wo"] + p["bo"]


def check_case(d, h, steps, seed):
    def run():
        rng = np.random.default_rng(seed)
        p = {f"{w}{n}": rng.normal(0, 1 / np.sqrt(d), (d, d)) if w == "W" else rng.normal(0, 0.1, d)
             for n in "qkvo" for w in "Wb"}
        X, cache = rng.normal(size=(steps, d)), {}
        for t in range(steps):
            got = np.asarray(attend_step(p, X[t].copy(), cache, h))
            want = full_causal_mha(p, X[:t + 1], h)[-1]
            if got.shape != want.shape:
                return f"d={d}, h={h}：第 {t + 1} 步的输出形状应为 {want.shape}，你的是 {got.shape}"
            if not np.allclose(got, want, atol=1e-10):
                first = "（第 1 步只有它自己可看，输出只取决于它的值向量）" if t == 0 else "（前面各步的键和值都存进缓存了吗？）"
                return f"d={d}, h={h}：第 {t + 1} 步的输出与重算整个序列的结果不同{first}"
    return run


CHECKS = [("d=8，h=2，生成 10 步", check_case(8, 2, 10, 0)), ("d=12，h=3，生成 16 步", check_case(12, 3, 16, 1)),
          ("d=6，h=1（单头），生成 5 步", check_case(6, 1, 5, 2))]


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
