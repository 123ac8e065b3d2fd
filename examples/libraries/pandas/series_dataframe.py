# env: main
"""Series 与 DataFrame：带标签的一维与二维数据。

Series 是“一列值 + 一个索引”；DataFrame 是共享同一行索引的若干列，每列有自己的
dtype。运算按**标签对齐**而不是按位置：两个 Series 相加时索引对不上的位置得到 NaN。
pandas 3 的两个变化：字符串列默认是 ``str`` dtype（不再是 object）；写时复制
（Copy-on-Write）总是开启——从 DataFrame 取出的子集修改后不会影响原表。
"""
import argparse

import numpy as np
import pandas as pd


def aligned_sum(a, b):
    """按索引对齐相加；缺失的一方当作 0（fill_value=0），不产生 NaN。"""
    return a.add(b, fill_value=0)


def make_frame():
    """一张虚构的成绩表。"""
    return pd.DataFrame(
        {
            "姓名": ["张三", "李四", "王五", "赵六", "孙七"],
            "班级": ["一班", "一班", "二班", "二班", "二班"],
            "数学": [88, 92, 79, 65, 95],
            "英语": [75, 85, 90, 70, 60],
            "住校": [True, False, True, True, False],
        }
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)  # 中文按两个字符宽对齐

    print("== Series ==")
    s = pd.Series([3.0, 1.5, 4.0], index=["a", "b", "c"], name="x")
    print(s)
    print("s['b'] =", s["b"], "  s.iloc[0] =", s.iloc[0])
    print("s * 2 + 1:", (s * 2 + 1).tolist())
    t = pd.Series([10.0, 20.0], index=["b", "d"])
    print("s + t（按标签对齐）:\n", s + t, sep="")
    print("s.add(t, fill_value=0):", aligned_sum(s, t).to_dict())

    print("\n== DataFrame ==")
    df = make_frame()
    print(df)
    print("形状:", df.shape)
    print("各列 dtype:", df.dtypes.astype(str).to_dict())
    df["总分"] = df["数学"] + df["英语"]  # 新列：整列向量化运算
    print(df.set_index("姓名")[["班级", "总分"]])
    print(f"数学平均分: {df['数学'].mean():.1f}")
    print(f"最高总分: {df['总分'].max()}")
    print("describe():\n", df.describe().round(1), sep="")
    print("to_numpy() 的 dtype:", df[["数学", "英语"]].to_numpy().dtype)

    print("\n== 写时复制 ==")
    sub = df[df["住校"]]
    sub.loc[:, "数学"] = 0  # 只改 sub，原表不变（pandas 3 中 sub 的行为总像一份副本）
    print(f"修改子集后原表的数学总分: {df['数学'].sum()}")
    df.loc[df["姓名"] == "赵六", "数学"] = 70  # 要改原表，就在原表上用 .loc 一步赋值
    print(f"用 .loc 修改后赵六的数学: {df.loc[3, '数学']}")
    print("字符串列是 pandas 的 StringDtype:", isinstance(df["姓名"].dtype, pd.StringDtype))
    print("转成 NumPy 数组后的 dtype:", np.asarray(df["姓名"]).dtype)


if __name__ == "__main__":
    main()
