def reuse_experiment(n_models, n_test, seed):
    """返回 (best_on_reused, same_model_on_fresh)，两个 0 到 1 之间的浮点数。"""
    rng = np.random.default_rng(seed)
    y_old, y_new = rng.integers(0, 2, n_test), rng.integers(0, 2, n_test)
    guesses_old = rng.integers(0, 2, (n_models, n_test))      # 每个模型在旧测试集上的预测
    guesses_new = rng.integers(0, 2, (n_models, n_test))      # 以及在新测试集上的预测（互相独立）
    acc_old = (guesses_old == y_old).mean(1)
    best = int(acc_old.argmax())
    return float(acc_old[best]), float((guesses_new[best] == y_new).mean())
