def bptt(params, X, Y, h0):
    """返回 ([dW_xh, dW_hh, db_h, dW_hq, db_q], dh0)，形状与参数、h0 相同。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, P = forward(params, X, h0)
    T, n, _ = P.shape
    dO = P.copy()
    np.put_along_axis(dO, Y[..., None], np.take_along_axis(P, Y[..., None], axis=-1) - 1, axis=-1)
    dO /= T * n
    grads = [np.zeros_like(p) for p in params]
    grads[3], grads[4] = np.einsum("tnh,tnv->hv", H, dO), dO.sum(axis=(0, 1))
    da = np.zeros_like(h0)
    for t in reversed(range(T)):
        da = (dO[t] @ W_hq.T + da @ W_hh.T) * (1 - H[t] ** 2)   # 这一步的输出 + 下一步传回来的
        grads[0] += X[t].T @ da
        grads[1] += (H[t - 1] if t else h0).T @ da
        grads[2] += da.sum(axis=0)
    return grads, da @ W_hh.T
