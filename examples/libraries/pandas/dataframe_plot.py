# env: main
"""直接从 DataFrame 画图：``df.plot`` 系列方法。

``df.plot.<种类>(...)`` 是 matplotlib 的薄封装：列名自动成为图例和坐标轴标签，索引
成为横轴。传入 ``ax=`` 就画在指定的子图上，于是可以和面向对象接口混用。这里用
iris 画四种图：按品种着色的散点图、两个特征的直方图、箱线图和分组均值的条形图。
"""
import argparse

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.datasets import load_iris

COLUMNS = {
    "sepal length (cm)": "萼长",
    "sepal width (cm)": "萼宽",
    "petal length (cm)": "瓣长",
    "petal width (cm)": "瓣宽",
}


def load_iris_frame():
    bunch = load_iris(as_frame=True)
    df = bunch.frame.rename(columns=COLUMNS)
    df["品种"] = pd.Categorical.from_codes(df.pop("target"), categories=list(bunch.target_names))
    return df


def draw(df):
    fig, axes = plt.subplots(2, 2, figsize=(10, 7.5), layout="constrained")
    colors = {"setosa": "tab:blue", "versicolor": "tab:orange", "virginica": "tab:green"}
    for name, group in df.groupby("品种", observed=True):
        group.plot.scatter(x="瓣长", y="瓣宽", ax=axes[0, 0], color=colors[name], label=name, s=12)
    axes[0, 0].set_title("df.plot.scatter：瓣长与瓣宽")

    df[["萼长", "萼宽"]].plot.hist(ax=axes[0, 1], bins=20, alpha=0.6)
    axes[0, 1].set(title="df.plot.hist：萼长与萼宽的分布", xlabel="厘米", ylabel="个数")

    df.boxplot(column="瓣长", by="品种", ax=axes[1, 0])
    axes[1, 0].set(title="df.boxplot：各品种的瓣长", xlabel="品种", ylabel="瓣长（厘米）")
    fig.suptitle("")  # boxplot(by=...) 会自动加一个总标题，这里去掉

    means = df.groupby("品种", observed=True).mean()
    means.plot.bar(ax=axes[1, 1], rot=0)
    axes[1, 1].set(title="groupby().mean().plot.bar：分组均值", ylabel="厘米", ylim=(0, 8))
    axes[1, 1].legend(ncols=4, loc="upper center")
    return fig, means


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    df = load_iris_frame()
    fig, means = draw(df)
    print("条形图所画的分组均值:\n", means.round(3), sep="")
    print(f"子图数: {len(fig.axes)}")
    print(f"条形图中的柱子数: {len(fig.axes[3].patches)}")
    plt.show()


if __name__ == "__main__":
    main()
