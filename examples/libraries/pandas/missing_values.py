# env: main
"""缺失值：发现、统计、删除与填充。

pandas 用 NaN（浮点列、pandas 3 的 str 列）或 ``pd.NA``（可空类型如 ``Int64``）表示缺失。
``isna()`` 找出缺失；``dropna`` 删除含缺失的行或列；``fillna`` 用常数或统计量填充；
``ffill`` 用前一个有效值填充，``interpolate`` 按线性插值填充，适合时间序列。
``mean()`` 等统计函数默认跳过缺失值（``skipna=True``）。
"""
import argparse

import numpy as np
import pandas as pd


def make_frame():
    """虚构的传感器记录，含缺失值。"""
    return pd.DataFrame(
        {
            "传感器": ["A", "A", "B", None, "B", "C"],
            "温度": [21.0, np.nan, 23.5, 22.0, np.nan, 25.0],
            "湿度": [0.45, 0.50, np.nan, np.nan, 0.55, 0.60],
            "计数": pd.array([3, None, 5, 2, None, 4], dtype="Int64"),
        }
    )


def fill_with_column_mean(df, columns):
    """数值列的缺失值用该列（非缺失值的）均值填充。"""
    return df.fillna({c: df[c].mean() for c in columns})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    df = make_frame()
    print(df)
    print("dtypes:", df.dtypes.astype(str).to_dict())
    print("每列缺失数:", df.isna().sum().to_dict())
    print(f"缺失值总数: {int(df.isna().sum().sum())}")
    print(f"完整的行数: {len(df.dropna())}")

    print("\n== 统计默认跳过缺失 ==")
    print(f"温度均值（跳过 NaN）: {df['温度'].mean():.4f}")
    print("温度均值（skipna=False）:", df["温度"].mean(skipna=False))
    print(f"计数之和: {df['计数'].sum()}")

    print("\n== 删除 ==")
    print("dropna(subset=['温度']) 的行数:", len(df.dropna(subset=["温度"])))
    print("dropna(thresh=3)（至少 3 个非缺失值）的行数:", len(df.dropna(thresh=3)))
    print("dropna(axis=1) 剩下的列:", list(df.dropna(axis=1).columns))

    print("\n== 填充 ==")
    filled = fill_with_column_mean(df, ["温度", "湿度"])
    filled["传感器"] = filled["传感器"].fillna("未知")
    filled["计数"] = filled["计数"].fillna(0)
    print(filled)
    print(f"填充后的缺失值总数: {int(filled.isna().sum().sum())}")
    print("温度 ffill:", df["温度"].ffill().tolist())
    print("湿度 interpolate:", df["湿度"].interpolate().round(4).tolist())

    print("\n== 整数列与缺失 ==")
    plain = pd.Series([1, None, 3])
    print("普通整数列有缺失时的 dtype:", plain.dtype, "（整数被转成浮点）")
    print("可空整数 Int64 的 dtype:", df["计数"].dtype, "，缺失值是:", df["计数"].iloc[1])


if __name__ == "__main__":
    main()
