# env: main
"""选取数据：``[]``、``loc``（按标签）、``iloc``（按位置）与布尔条件。

- ``df["列"]`` 取一列（Series），``df[["列1", "列2"]]`` 取多列（DataFrame）；
- ``df.loc[行标签, 列标签]``：按标签，切片**包含**终点；
- ``df.iloc[行位置, 列位置]``：按整数位置，切片不含终点（与 Python 相同）；
- 布尔条件用 ``&``、``|``、``~`` 组合，每个条件要加括号；``query`` 用字符串写条件。

数据是 scikit-learn 自带的鸢尾花（iris），用 ``as_frame=True`` 直接得到 DataFrame。
"""
import argparse

import pandas as pd
from sklearn.datasets import load_iris

from mmdl.cli import positive_float

COLUMNS = {
    "sepal length (cm)": "萼长",
    "sepal width (cm)": "萼宽",
    "petal length (cm)": "瓣长",
    "petal width (cm)": "瓣宽",
}


def load_iris_frame():
    """iris 的 DataFrame：4 个中文特征列 + 类别列“品种”。"""
    bunch = load_iris(as_frame=True)
    df = bunch.frame.rename(columns=COLUMNS)
    df["品种"] = pd.Categorical.from_codes(df.pop("target"), categories=list(bunch.target_names))
    return df


def long_petals(df, min_length, species):
    """瓣长 ≥ min_length 且品种属于 species 的行。"""
    return df[(df["瓣长"] >= min_length) & df["品种"].isin(species)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-petal", type=positive_float, default=5.0, help="瓣长的下限（厘米）")
    args = parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    df = load_iris_frame()
    print("形状:", df.shape)
    print(df.head(3))

    print("\n== 列 ==")
    print("df['瓣长'] 的类型:", type(df["瓣长"]).__name__)
    print("df[['瓣长', '品种']] 的形状:", df[["瓣长", "品种"]].shape)

    print("\n== loc：按标签，切片包含终点 ==")
    print(df.loc[10:12, "萼长":"瓣长"])
    print("\n== iloc：按位置，切片不含终点 ==")
    print(df.iloc[10:12, 0:3])
    print("df.iloc[-1] 的品种:", df.iloc[-1]["品种"])

    print("\n== 布尔条件 ==")
    sel = long_petals(df, args.min_petal, ["versicolor", "virginica"])
    print(f"瓣长 ≥ {args.min_petal} 的行数: {len(sel)}")
    counts = sel["品种"].value_counts()  # 类别列会列出所有类别，包括计数为 0 的
    print("按品种计数:", {str(k): int(v) for k, v in counts.items()})
    not_setosa = df[~(df["品种"] == "setosa")]
    print(f"非 setosa 的行数: {len(not_setosa)}")
    q = df.query("萼宽 > 3.5 and 品种 == 'setosa'")
    print(f"query 选出的行数: {len(q)}")
    print("瓣宽最大的 3 行:\n", df.nlargest(3, "瓣宽"), sep="")

    print("\n== 用 loc 按条件赋值 ==")
    df["大花"] = False
    df.loc[df["瓣长"] >= args.min_petal, "大花"] = True
    print(f"大花的行数: {int(df['大花'].sum())}")


if __name__ == "__main__":
    main()
