def init_std(fan_in):
    """fan_in 是这一层的输入个数；返回权重的标准差（正数）。"""
    return (5 / 3) / np.sqrt(fan_in)
