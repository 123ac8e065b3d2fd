def sq_dists(A, B):
    """返回形状 (n, m) 的平方距离矩阵。"""
    sq = np.sum(A ** 2, axis=1)[:, None] - 2 * A @ B.T + np.sum(B ** 2, axis=1)[None, :]
    return np.maximum(sq, 0)
