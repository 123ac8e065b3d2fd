def bn_conv(x, gamma, beta, eps=1e-5):
    """训练模式的批量归一化：x 形状 (N, C, H, W)，gamma、beta 形状 (C,)。返回形状 (N, C, H, W) 的数组。"""
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)
    return gamma[:, None, None] * (x - mean) / np.sqrt(var + eps) + beta[:, None, None]
