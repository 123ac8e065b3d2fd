def kmeans_step(X, centers):
    """X：(n, d)；centers：(k, d)。返回 labels（长 n 的整数数组）与新的 centers（(k, d)）。"""
    labels = ((X[:, None, :] - centers[None]) ** 2).sum(-1).argmin(1)
    new = centers.copy()
    for j in range(len(centers)):
        if (labels == j).any():
            new[j] = X[labels == j].mean(0)
    return labels, new
