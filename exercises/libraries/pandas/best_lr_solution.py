def best_lr(df):
    """返回 Series：索引 optimizer，值 lr。"""
    means = df.groupby(["optimizer", "lr"]).acc.mean()
    return means.groupby(level="optimizer").idxmax().map(lambda pair: pair[1])
