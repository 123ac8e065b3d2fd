def stratified_split(y, test_size, seed):
    """y：整数标签数组；test_size：0 到 1 之间。返回 (train_idx, test_idx) 两个整数数组。"""
    rng = np.random.default_rng(seed)
    test = []
    for c in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == c))
        test.append(members[:int(round(test_size * len(members)))])
    test = np.sort(np.concatenate(test))
    return np.setdiff1d(np.arange(len(y)), test), test
