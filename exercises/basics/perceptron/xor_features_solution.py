def features(X):
    """X 形状 (n, 2)，取值 0 或 1；返回形状 (n, k) 的特征，k ≤ 3。"""
    return np.c_[X, X[:, 0] * X[:, 1]]
