def log_softmax(z):
    """z 形状 (..., k)；返回 log(softmax(z))，沿最后一维，形状同 z。"""
    z = np.asarray(z, dtype=float)
    s = z - z.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))
