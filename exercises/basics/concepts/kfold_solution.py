def kfold_indices(n, k):
    """返回 [(train_idx, val_idx), ...]，共 k 对，都是整数 NumPy 数组。"""
    idx = np.arange(n)
    return [(np.setdiff1d(idx, fold), fold) for fold in np.array_split(idx, k)]
