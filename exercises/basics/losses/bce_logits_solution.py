def bce_with_logits(z, y):
    """逐元素的二元交叉熵损失，z 与 y 形状相同，返回同形状的数组。"""
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
