def mean_table(df):
    """行索引：optimizer；列：lr（升序）；值：acc 的平均值。"""
    return df.pivot_table(index="optimizer", columns="lr", values="acc", aggfunc="mean").sort_index(axis=1)
