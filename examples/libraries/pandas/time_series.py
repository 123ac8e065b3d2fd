# env: main
"""时间序列：DatetimeIndex、按时间选取、``resample`` 重采样与 ``rolling`` 滑动窗口。

以时间为索引后，可以直接用 ``df.loc["2024-03"]`` 选取一个月；``resample("D")`` 把
逐小时的数据按天分组再聚合（降采样），``rolling(7)`` 计算滑动平均。pandas 3 的频率别名：
小时 ``"h"``、分钟 ``"min"``、天 ``"D"``、周 ``"W"``（默认以周日结束）、月末 ``"ME"``、
月初 ``"MS"``；旧的 ``"H"``、``"M"`` 已不再支持。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mmdl.cli import nonnegative_int, positive_int


def make_hourly(days, seed):
    """虚构的逐小时气温（日周期 + 缓慢升温 + 噪声）与降水（多数时刻为 0）。"""
    rng = np.random.default_rng(seed)
    index = pd.date_range("2024-03-01", periods=days * 24, freq="h", name="时间")
    hours = np.arange(len(index))
    temp = 10 + 0.1 * hours / 24 + 5 * np.sin(2 * np.pi * (hours % 24 - 9) / 24) + rng.normal(0, 1, len(index))
    rain = np.where(rng.random(len(index)) < 0.05, rng.exponential(2.0, len(index)), 0.0)
    return pd.DataFrame({"气温": temp.round(2), "降水": rain.round(2)}, index=index)


def daily_summary(hourly):
    """按天降采样：气温取均值、最高、最低，降水求和。"""
    return hourly.resample("D").agg(平均气温=("气温", "mean"), 最高气温=("气温", "max"), 最低气温=("气温", "min"), 降水=("降水", "sum"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=positive_int, default=61, help="天数")
    parser.add_argument("--window", type=positive_int, default=7, help="滑动平均的窗口（天）")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    hourly = make_hourly(args.days, args.seed)
    print("索引类型:", type(hourly.index).__name__, hourly.index.dtype, " 频率:", hourly.index.freqstr)
    print(f"小时数: {len(hourly)}")
    print(hourly.head(3))
    print(f"3 月的行数: {len(hourly.loc['2024-03'])}")
    print(f"3 月 5 日中午到下午 2 点的行数: {len(hourly.loc['2024-03-05 12:00':'2024-03-05 14:00'])}")

    daily = daily_summary(hourly)
    print("\n按天重采样:\n", daily.head(3).round(2), sep="")
    print(f"天数: {len(daily)}")
    print(f"总降水(逐小时求和): {hourly['降水'].sum():.2f}")
    print(f"总降水(按天求和后再求和): {daily['降水'].sum():.2f}")

    weekly = hourly["降水"].resample("W").sum()
    print("\n每周降水（周日结束）:\n", weekly.head(3).round(2), sep="")
    monthly = hourly.resample("ME").agg({"气温": "mean", "降水": "sum"})
    print("每月（月末为标签）:\n", monthly.round(2), sep="")

    daily["滑动平均"] = daily["平均气温"].rolling(args.window).mean()
    print(f"\n滑动平均前 {args.window - 1} 天为缺失: {int(daily['滑动平均'].isna().sum())}")
    print("日均气温的逐日变化 diff() 的前 3 个:", daily["平均气温"].diff().head(3).round(2).tolist())

    fig, ax = plt.subplots(figsize=(8, 4))
    hourly["气温"].plot(ax=ax, lw=0.5, alpha=0.4, label="逐小时")
    daily["平均气温"].plot(ax=ax, marker=".", lw=1, label="日均（resample('D').mean()）")
    daily["滑动平均"].plot(ax=ax, lw=2.5, label=f"{args.window} 天滑动平均（rolling）")
    ax.set(xlabel="日期", ylabel="气温 (°C)", title="逐小时气温的重采样与滑动平均")
    ax.legend(loc="upper left")
    plt.show()


if __name__ == "__main__":
    main()
