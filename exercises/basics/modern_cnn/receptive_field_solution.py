def receptive_field(layers):
    """layers: [(k, s, d), ...]，从输入一侧开始。返回感受野的边长（整数）。"""
    field, jump = 1, 1
    for k, s, d in layers:
        field += d * (k - 1) * jump
        jump *= s
    return field
