def cv_choose_degree(x, y, degrees, k):
    """x, y：一维数组（已打乱）；degrees：候选阶数的列表。返回 (best_degree, [平均验证 RMSE, ...])。"""
    folds = kfold_indices(len(x), k)
    errs = [np.mean([rmse(np.polyval(np.polyfit(x[tr], y[tr], d), x[va]), y[va]) for tr, va in folds])
            for d in degrees]
    return degrees[int(np.argmin(errs))], errs
