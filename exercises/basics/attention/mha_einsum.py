# env: main
"""练习（注意力机制与 Transformer）：直接用 Keras 的核布局写多头注意力。

keras.layers.MultiHeadAttention 的 get_weights() 依次是 query、key、value 的核 (d_model, h, d_k) 与偏置 (h, d_k)，
输出的核 (h, d_k, d_model) 与偏置 (d_model,)。本章的 NumPy 实现先把核 reshape 成二维矩阵；这次不 reshape：
在两行标记之间写完 mha(xq, xkv, weights, mask)，用 np.einsum 直接拿这 8 个数组算出与 Keras 相同的输出
(B, T, d_model)。mask 形状 (B, T, S)，True 表示可以看，None 表示全部可见。
然后运行 python mha_einsum.py：批改把随机的权重装进 Keras 的层，与它的输出比较（自注意力、交叉注意力、因果掩码）。
"""
import sys

import keras
import numpy as np

# ====== 你的代码从这里开始 ======
def mha(xq, xkv, weights, mask=None):
    """weights = [Wq, bq, Wk, bk, Wv, bv, Wo, bo]（Keras 的顺序与形状）；返回 (B, T, d_model)。"""
    raise NotImplementedError("mha(xq, xkv, weights, mask) 还没有写")
# ====== 你的代码到这里结束 ======


def check_case(h, d_k, d_model, T, S, causal, seed):
    def run():
        rng = np.random.default_rng(seed)
        xq = rng.normal(size=(2, T, d_model)).astype(np.float32)
        xkv = xq if S == T else rng.normal(size=(2, S, d_model)).astype(np.float32)
        mask = np.tril(np.ones((T, S), bool))[None].repeat(2, 0) if causal else None
        layer = keras.layers.MultiHeadAttention(num_heads=h, key_dim=d_k)
        layer(xq, xkv)
        weights = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in layer.get_weights()]
        layer.set_weights(weights)
        want = np.asarray(layer(xq, xkv, attention_mask=mask))
        got = np.asarray(mha(xq, xkv, [w.copy() for w in weights], mask))
        if got.shape != want.shape:
            return f"h={h}, d_k={d_k}, d_model={d_model}：输出形状应为 {want.shape}，你的是 {got.shape}"
        if not np.allclose(got, want, rtol=1e-4, atol=1e-4):
            return (f"h={h}, d_k={d_k}, d_model={d_model}：与 Keras 的输出最大差 {np.abs(got - want).max():.2g}"
                    "（检查 einsum 的下标是否与核的形状对应、偏置加在哪一维、缩放用的是哪个维数"
                    + ("、掩码" if causal else "") + "）")
    return run


CHECKS = [("自注意力：h=4，d_k=8，d_model=16", check_case(4, 8, 16, 5, 5, False, 0)),
          ("交叉注意力：h=2，d_k=3，d_model=8，键值序列更长", check_case(2, 3, 8, 4, 6, False, 1)),
          ("因果自注意力：h=3，d_k=5，d_model=12", check_case(3, 5, 12, 6, 6, True, 2))]


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
