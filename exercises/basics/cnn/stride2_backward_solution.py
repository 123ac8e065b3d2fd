def conv_backward(x, w, dy, stride=2):
    """返回 (dx, dw)，形状分别同 x 与 w。"""
    k = w.shape[0]
    dx, dw = np.zeros_like(x), np.zeros_like(w)
    for i in range(dy.shape[0]):
        for j in range(dy.shape[1]):
            patch = (slice(i * stride, i * stride + k), slice(j * stride, j * stride + k))
            dw += dy[i, j] * x[patch]
            dx[patch] += dy[i, j] * w
    return dx, dw
