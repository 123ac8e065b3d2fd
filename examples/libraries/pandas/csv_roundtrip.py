# env: main
"""读写 CSV：写出一张表，再原样读回来。

CSV 只存文本，不存 dtype：日期读回来默认是字符串，类别列变成普通字符串，整数列
一旦含缺失值就只能是浮点数。读的时候用 ``parse_dates`` 和 ``dtype`` 把类型还原，
就能做到读回的表与原表完全相同（用 ``pd.testing.assert_frame_equal`` 检验）。
文件写在当前目录；给 Excel 打开的中文 CSV 用 ``encoding="utf-8-sig"``（带 BOM）。
"""
import argparse
import os

import numpy as np
import pandas as pd

from mmdl.cli import nonnegative_int, positive_int


def make_readings(n, seed):
    """虚构的气象站读数：日期、站点、气温（含缺失）、降水。"""
    rng = np.random.default_rng(seed)
    temp = np.round(rng.normal(15, 5, size=n), 1)
    temp[rng.choice(n, size=max(1, n // 10), replace=False)] = np.nan
    return pd.DataFrame(
        {
            "日期": pd.date_range("2024-03-01", periods=n, freq="D"),
            "站点": pd.Categorical(rng.choice(["东站", "西站", "南站"], size=n)),
            "气温": temp,
            "降水_mm": rng.exponential(3.0, size=n).round(2),
        }
    )


def read_readings(path):
    """按写出时的类型读回：日期列解析为时间，站点列还原为类别。"""
    return pd.read_csv(path, parse_dates=["日期"], dtype={"站点": "category"}, encoding="utf-8-sig")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=positive_int, default=30, help="行数")
    parser.add_argument("--out", default="readings.csv", help="输出文件名（写在当前目录）")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if os.path.basename(args.out) != args.out:
        parser.error(f"--out 只能是当前目录下的文件名，收到 {args.out!r}")
    pd.set_option("display.unicode.east_asian_width", True)

    df = make_readings(args.rows, args.seed)
    df.to_csv(args.out, index=False, encoding="utf-8-sig")  # index=False：不把行号写成一列
    print("写出的文件:", args.out)
    with open(args.out, encoding="utf-8-sig") as f:
        print("文件的前 4 行:")
        for _ in range(4):
            print("  " + f.readline().rstrip())

    naive = pd.read_csv(args.out, encoding="utf-8-sig")
    print("\n不指定类型读回的 dtype:", naive.dtypes.astype(str).to_dict())
    back = read_readings(args.out)
    print("指定类型读回的 dtype:", back.dtypes.astype(str).to_dict())
    print(back.head())

    try:
        pd.testing.assert_frame_equal(df, back)
        same = True
    except AssertionError:
        same = False
    print("\n读回与原表相同:", same)
    print(f"行数: {len(back)}")
    print(f"缺失气温数: {back['气温'].isna().sum()}")
    print(f"降水总量: {back['降水_mm'].sum():.2f}")

    # 只读需要的列、只读前几行：大文件时很有用
    part = pd.read_csv(args.out, usecols=["日期", "降水_mm"], nrows=5, encoding="utf-8-sig")
    print("\nusecols + nrows:", part.shape)


if __name__ == "__main__":
    main()
