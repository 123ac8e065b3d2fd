def clip_global_norm(grads, theta):
    """返回 (裁剪后的梯度列表, 裁剪前的全局范数)。"""
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return [g * (theta / max(norm, theta)) for g in grads], norm
