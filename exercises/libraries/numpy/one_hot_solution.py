def one_hot(labels, k):
    """labels: 形状 (n,) 的整数数组；返回形状 (n, k) 的 float 数组。"""
    out = np.zeros((len(labels), k))
    out[np.arange(len(labels)), labels] = 1
    return out
