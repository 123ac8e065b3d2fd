# env: main
"""分组聚合：split-apply-combine。

``df.groupby(键)`` 先按键把行分成若干组（split），对每组分别计算（apply），再把结果
拼成一张表（combine）。``mean``/``size`` 等是最常见的聚合；``agg`` 一次算多个统计量，
命名聚合 ``agg(新列=(列, 函数))`` 直接给结果列起名；``transform`` 返回与原表等长的
结果，常用于组内标准化。数据是 scikit-learn 自带的葡萄酒数据集（3 个类别，178 个样本）。
"""
import argparse

import pandas as pd
from sklearn.datasets import load_wine

FEATURES = ["alcohol", "malic_acid", "color_intensity", "proline"]


def load_wine_frame():
    bunch = load_wine(as_frame=True)
    df = bunch.frame[FEATURES + ["target"]].copy()
    df["类别"] = pd.Categorical.from_codes(df.pop("target"), categories=list(bunch.target_names))
    return df


def class_means(df):
    """每个类别各特征的均值（行：类别，列：特征）。"""
    return df.groupby("类别", observed=True)[FEATURES].mean()


def zscore_within_group(df, column):
    """组内标准化：(x - 组均值) / 组标准差，返回与 df 等长的 Series。"""
    g = df.groupby("类别", observed=True)[column]
    return (df[column] - g.transform("mean")) / g.transform("std")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)
    pd.set_option("display.width", 100)

    df = load_wine_frame()
    print("形状:", df.shape)
    print("每类样本数:", {str(k): int(v) for k, v in df.groupby("类别", observed=True).size().items()})

    print("\n== 每类均值 ==")
    print(class_means(df).round(3))

    print("\n== agg：一次算多个统计量 ==")
    print(df.groupby("类别", observed=True)["alcohol"].agg(["count", "mean", "std", "min", "max"]).round(3))

    print("\n== 命名聚合 ==")
    summary = df.groupby("类别", observed=True).agg(
        平均酒精=("alcohol", "mean"),
        脯氨酸中位数=("proline", "median"),
        色度极差=("color_intensity", lambda s: s.max() - s.min()),
    )
    print(summary.round(3))

    print("\n== transform：组内标准化 ==")
    z = zscore_within_group(df, "proline")
    print("结果长度与原表相同:", len(z) == len(df))
    check = z.groupby(df["类别"], observed=True).agg(["mean", "std"]).round(6) + 0.0
    print("每组标准化后的均值与标准差:\n", check, sep="")

    best = class_means(df)["alcohol"].idxmax()
    print(f"\n平均酒精度最高的类别: {best}")
    print(f"总体酒精度均值: {df['alcohol'].mean():.4f}")


if __name__ == "__main__":
    main()
