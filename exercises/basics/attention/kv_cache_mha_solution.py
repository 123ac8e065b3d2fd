def attend_step(p, x, cache, h):
    """p: Wq、Wk、Wv、Wo 为 (d, d)，bq、bk、bv、bo 为 (d,)；x: 新位置的输入 (d,)；返回 (d,)。"""
    d = len(x)
    q, k, v = ((x @ p["W" + n] + p["b" + n]).reshape(h, d // h) for n in "qkv")   # 各 (h, d_k)
    cache["K"] = np.concatenate([cache["K"], k[:, None]], axis=1) if "K" in cache else k[:, None]
    cache["V"] = np.concatenate([cache["V"], v[:, None]], axis=1) if "V" in cache else v[:, None]
    s = np.einsum("hk,htk->ht", q, cache["K"]) / np.sqrt(d // h)                    # (h, t)
    w = np.exp(s - s.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    return np.einsum("ht,htk->hk", w, cache["V"]).reshape(d) @ p["Wo"] + p["bo"]
