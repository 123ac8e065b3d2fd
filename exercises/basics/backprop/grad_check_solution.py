def grad_check(f, grad, x, h=1e-5):
    """f: 数组 → 数；grad: 数组 → 同形状数组；x: 任意形状的浮点数组。返回最大相对误差（一个数）。"""
    a = grad(x)
    n = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        n[i] = (fp - fm) / (2 * h)
    return np.max(np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))
