def block_backward(x, W1, W2, dy):
    """返回 (dx, dW1, dW2)，形状分别同 x、W1、W2。"""
    h = np.maximum(x @ W1, 0)
    g = dy * (h @ W2 + x > 0)            # 穿过外层 ReLU
    dW2 = h.T @ g
    dz = (g @ W2.T) * (x @ W1 > 0)       # 沿 F 往回，穿过内层 ReLU
    return dz @ W1.T + g, x.T @ dz, dW2  # dx = 经过两层的一项 + 恒等捷径的 g
