def pca_svd(X, m):
    """X：(n, d)。返回 components (m, d)、variances (m,)、Z (n, m)。"""
    Xc = X - X.mean(0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:m], s[:m] ** 2 / (len(X) - 1), Xc @ Vt[:m].T
