def mha(xq, xkv, weights, mask=None):
    """weights = [Wq, bq, Wk, bk, Wv, bv, Wo, bo]（Keras 的顺序与形状）；返回 (B, T, d_model)。"""
    Wq, bq, Wk, bk, Wv, bv, Wo, bo = weights
    Q = np.einsum("btm,mhk->bhtk", xq, Wq) + bq[:, None]      # bq (h, d_k) → (h, 1, d_k)
    K = np.einsum("bsm,mhk->bhsk", xkv, Wk) + bk[:, None]
    V = np.einsum("bsm,mhk->bhsk", xkv, Wv) + bv[:, None]
    s = np.einsum("bhtk,bhsk->bhts", Q, K) / np.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask[:, None], s, -1e9)
    A = np.exp(s - s.max(-1, keepdims=True))
    A /= A.sum(-1, keepdims=True)
    return np.einsum("bhtk,hkm->btm", A @ V, Wo) + bo
