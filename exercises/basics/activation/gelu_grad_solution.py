def gelu_grad(x):
    """GELU 对 x 的导数，x 是 NumPy 数组，逐元素计算，返回同形状的数组。"""
    pdf = np.exp(-x ** 2 / 2) / math.sqrt(2 * math.pi)
    return Phi(x) + x * pdf
