"""pandas 一章：对齐、写时复制、CSV 往返、选取、缺失值、分组、合并、透视、重采样与 DataFrame 画图。

分组均值、重采样之和等都用 NumPy 独立算一遍再比较。
"""
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from sklearn.datasets import load_iris, load_wine  # noqa: E402

from support import load_example, metric, run_example, run_example_raw  # noqa: E402

PD = "libraries/pandas/"


def test_series_alignment_and_copy_on_write():
    """Series 按索引对齐相加，只在一边出现的标签得到缺失值；字符串列的默认类型与写时复制的行为与页面所说的相同。"""
    m = load_example(PD + "series_dataframe.py")
    a = pd.Series([1.0, 2.0], index=["x", "y"])
    b = pd.Series([10.0, 20.0], index=["y", "z"])
    assert (a + b).isna().sum() == 2  # x、z 只在一边出现
    assert m.aligned_sum(a, b).to_dict() == {"x": 1.0, "y": 12.0, "z": 20.0}
    df = m.make_frame()
    assert isinstance(df["姓名"].dtype, pd.StringDtype)  # pandas 3：字符串列默认是 str dtype
    out = run_example(PD + "series_dataframe.py")
    math = np.array([88, 92, 79, 65, 95])
    assert metric(out, "数学平均分") == pytest.approx(math.mean(), abs=0.05)
    assert metric(out, "最高总分") == (math + np.array([75, 85, 90, 70, 60])).max()
    assert metric(out, "修改子集后原表的数学总分") == math.sum()  # 写时复制：原表没变
    assert metric(out, "用 .loc 修改后赵六的数学") == 70
    assert "s.add(t, fill_value=0): {'a': 3.0, 'b': 11.5, 'c': 4.0, 'd': 20.0}" in out


def test_csv_round_trip(tmp_path):
    """指定类型后 CSV 读回的表与原表完全相同；``utf-8-sig`` 写出 BOM；不指定类型时日期只是字符串。"""
    m = load_example(PD + "csv_roundtrip.py")
    df = m.make_readings(40, 3)
    path = tmp_path / "r.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")
    back = m.read_readings(path)
    pd.testing.assert_frame_equal(df, back)
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # utf-8-sig 写了 BOM
    naive = pd.read_csv(path, encoding="utf-8-sig")
    assert not pd.api.types.is_datetime64_any_dtype(naive["日期"])  # 不指定类型时日期只是字符串
    out = run_example(PD + "csv_roundtrip.py")
    ref = m.make_readings(30, 0)
    assert "读回与原表相同: True" in out
    assert metric(out, "行数") == 30
    assert metric(out, "缺失气温数") == ref["气温"].isna().sum() == 3
    assert metric(out, "降水总量") == pytest.approx(ref["降水_mm"].sum(), abs=0.005)
    r = run_example_raw(PD + "csv_roundtrip.py", "--out", "/tmp/x.csv")
    assert r.returncode == 2


def test_selection_matches_numpy_masks():
    """布尔选择的行数与 NumPy 掩码算出的相同；``loc`` 的切片含终点，``iloc`` 不含。"""
    m = load_example(PD + "selection.py")
    df = m.load_iris_frame()
    x, y = load_iris(return_X_y=True)
    sel = m.long_petals(df, 5.0, ["versicolor", "virginica"])
    assert len(sel) == np.sum((x[:, 2] >= 5.0) & (y >= 1))
    assert len(df.loc[10:12]) == 3 and len(df.iloc[10:12]) == 2  # loc 含终点，iloc 不含
    out = run_example(PD + "selection.py")
    assert metric(out, "瓣长 ≥ 5.0 的行数") == np.sum(x[:, 2] >= 5.0)
    assert metric(out, "非 setosa 的行数") == np.sum(y != 0)
    assert metric(out, "query 选出的行数") == np.sum((x[:, 1] > 3.5) & (y == 0))
    assert metric(out, "大花的行数") == np.sum(x[:, 2] >= 5.0)
    counts = Counter(y[(x[:, 2] >= 5.0) & (y >= 1)])
    assert f"'virginica': {counts[2]}, 'versicolor': {counts[1]}" in out


def test_missing_values():
    """缺失值的计数与填充：用均值填充后的值与 NumPy 的计算相同，填充后不再有缺失值。"""
    m = load_example(PD + "missing_values.py")
    df = m.make_frame()
    filled = m.fill_with_column_mean(df, ["温度", "湿度"])
    temp = np.array([21.0, np.nan, 23.5, 22.0, np.nan, 25.0])
    assert filled["温度"].tolist() == pytest.approx(np.where(np.isnan(temp), np.nanmean(temp), temp).tolist())
    assert filled[["温度", "湿度"]].isna().sum().sum() == 0
    out = run_example(PD + "missing_values.py")
    assert metric(out, "缺失值总数") == 7
    assert metric(out, "完整的行数") == 2
    assert metric(out, "温度均值（跳过 NaN）") == pytest.approx(np.nanmean(temp), abs=5e-5)
    assert metric(out, "计数之和") == 3 + 5 + 2 + 4
    assert metric(out, "填充后的缺失值总数") == 0
    # 线性插值：两个缺失点在 0.50 与 0.55 之间等分
    assert "湿度 interpolate: [0.45, 0.5, 0.5167, 0.5333, 0.55, 0.6]" in out


def test_groupby_means_equal_numpy():
    """``groupby`` 的每组均值与 NumPy 按类别标签分别计算的相同；``transform`` 返回与原表等长的结果，组内标准化后每组均值为 0。"""
    m = load_example(PD + "groupby_agg.py")
    df = m.load_wine_frame()
    bunch = load_wine()
    cols = [bunch.feature_names.index(f) for f in m.FEATURES]
    means = m.class_means(df)
    for k in range(3):
        np.testing.assert_allclose(means.iloc[k].to_numpy(), bunch.data[bunch.target == k][:, cols].mean(axis=0),
                                   rtol=1e-12)
    z = m.zscore_within_group(df, "proline")
    assert len(z) == len(df)
    stats = z.groupby(df["类别"], observed=True).agg(["mean", "std"])
    np.testing.assert_allclose(stats["mean"], 0, atol=1e-12)
    np.testing.assert_allclose(stats["std"], 1, rtol=1e-12)
    out = run_example(PD + "groupby_agg.py")
    assert metric(out, "总体酒精度均值") == pytest.approx(bunch.data[:, 0].mean(), abs=5e-5)
    sizes = np.bincount(bunch.target)
    assert f"'class_0': {sizes[0]}, 'class_1': {sizes[1]}, 'class_2': {sizes[2]}" in out


def expected_merge_rows(left, right, key):
    """用计数独立算出四种合并的行数：每个共同键贡献 左次数 × 右次数 行。"""
    cl, cr = Counter(left[key]), Counter(right[key])
    inner = sum(cl[k] * cr[k] for k in cl.keys() & cr.keys())
    only_left = sum(v for k, v in cl.items() if k not in cr)
    only_right = sum(v for k, v in cr.items() if k not in cl)
    return {"inner": inner, "left": inner + only_left, "right": inner + only_right,
            "outer": inner + only_left + only_right}


def test_merge_row_counts():
    """四种合并方式（inner、left、right、outer）的行数与页面所说的相同。"""
    m = load_example(PD + "merge_join.py")
    students, scores = m.make_tables()
    expected = expected_merge_rows(students, scores, "学号")
    assert m.merge_counts(students, scores, "学号") == expected == {"inner": 5, "left": 6, "right": 6, "outer": 7}
    out = run_example(PD + "merge_join.py")
    for how, n in expected.items():
        assert metric(out, f"{how} 的行数") == n
    assert "来源计数: {'both': 5, 'left_only': 1, 'right_only': 1}" in out
    assert "validate='one_to_one' 失败" in out
    assert metric(out, "补上学生 5 后 inner 的行数") == 6


def test_pivot_table_equals_groupby():
    """透视表的每一格和合计与 ``groupby`` 求和的结果相同。"""
    m = load_example(PD + "pivot_reshape.py")
    sales = m.make_sales(0)
    table = m.region_table(sales)
    by = sales.groupby(["月份", "地区"])["销量"].sum()
    for (month, region), v in by.items():
        assert table.loc[month, region] == v
    assert table.loc["合计", "合计"] == sales["销量"].sum()
    np.testing.assert_array_equal(table.loc["合计"].drop("合计"), sales.groupby("地区")["销量"].sum())
    out = run_example(PD + "pivot_reshape.py")
    assert metric(out, "总销量") == sales["销量"].sum()
    assert metric(out, "melt 后的行数") == 9
    assert "与原来的 A 产品数据一致: True" in out
    assert "cannot reshape" in out  # 含重复时 pivot 报错


def test_resample_sums():
    """按天重采样得到的平均、最高气温和降水量与 NumPy 直接计算的相同。"""
    m = load_example(PD + "time_series.py")
    hourly = m.make_hourly(20, 1)
    daily = m.daily_summary(hourly)
    temp = hourly["气温"].to_numpy().reshape(20, 24)
    rain = hourly["降水"].to_numpy().reshape(20, 24)
    np.testing.assert_allclose(daily["平均气温"], temp.mean(axis=1), rtol=1e-12)
    np.testing.assert_allclose(daily["最高气温"], temp.max(axis=1))
    np.testing.assert_allclose(daily["降水"], rain.sum(axis=1), rtol=1e-12, atol=1e-12)
    weekly = hourly["降水"].resample("W").sum()
    # 2024-03-01 是周五：第一周（到 3 月 3 日周日）只有 3 天
    assert weekly.index[0] == pd.Timestamp("2024-03-03")
    assert weekly.iloc[0] == pytest.approx(rain[:3].sum())
    assert weekly.sum() == pytest.approx(rain.sum())
    out = run_example(PD + "time_series.py")
    assert metric(out, "小时数") == 61 * 24
    assert metric(out, "天数") == 61
    assert metric(out, "3 月的行数") == 31 * 24
    assert metric(out, "3 月 5 日中午到下午 2 点的行数") == 3  # 时间切片包含两端
    assert metric(out, "总降水(逐小时求和)") == metric(out, "总降水(按天求和后再求和)")
    assert metric(out, "滑动平均前 6 天为缺失") == 6


def test_dataframe_plot():
    """``DataFrame.plot`` 画出的柱子个数和高度与数据一致。"""
    m = load_example(PD + "dataframe_plot.py")
    df = m.load_iris_frame()
    fig, means = m.draw(df)
    x, y = load_iris(return_X_y=True)
    for k in range(3):
        np.testing.assert_allclose(means.iloc[k].to_numpy(), x[y == k].mean(axis=0), rtol=1e-12)
    bars = fig.axes[3].patches
    assert len(bars) == 12
    # 柱子高度就是分组均值（pandas 按列逐组画：先画所有品种的“萼长”）
    np.testing.assert_allclose([b.get_height() for b in bars], means.to_numpy().T.ravel(), rtol=1e-12)
    assert len(fig.axes[0].collections) == 3  # 每个品种一组散点
    plt.close(fig)
    out = run_example(PD + "dataframe_plot.py")
    assert metric(out, "子图数") == 4 and metric(out, "条形图中的柱子数") == 12
