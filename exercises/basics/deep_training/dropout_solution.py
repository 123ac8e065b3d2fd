def dropout(x, p, rng):
    """训练时的暂退法：x 是数组，0 ≤ p < 1，rng 是 np.random.Generator。返回同形状的数组。"""
    mask = rng.random(x.shape) >= p
    return x * mask / (1 - p)
