def local_causal_mask(n, w):
    """(n, n) 的布尔掩码：True 表示位置 i 可以看位置 j。"""
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    return (j <= i) & (i - j < w)
