def ce_grad(Z, labels):
    """平均交叉熵 mean_i(-log softmax(Z_i)[labels_i]) 对 Z 的梯度，形状 (n, k)。"""
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    P[np.arange(len(labels)), labels] -= 1
    return P / len(labels)
