# env: main
"""重塑：长表与宽表之间的转换（``pivot``、``pivot_table``、``melt``）。

“长表”每行是一条观测（月份, 地区, 销量），便于存储和分组；“宽表”把某一列的取值
展开成列（行：月份，列：地区），便于阅读和画图。``pivot`` 只重排（每个格子必须
只对应一条记录）；``pivot_table`` 允许重复并用 ``aggfunc`` 聚合，``margins=True`` 加合计；
``melt`` 是反方向：宽表变回长表。
"""
import argparse

import numpy as np
import pandas as pd

from mmdl.cli import nonnegative_int


def make_sales(seed):
    """虚构的销售记录：3 个月 × 3 个地区 × 2 种产品，每个组合一行。"""
    rng = np.random.default_rng(seed)
    idx = pd.MultiIndex.from_product(
        [["2024-01", "2024-02", "2024-03"], ["华北", "华东", "华南"], ["A", "B"]], names=["月份", "地区", "产品"]
    )
    return pd.DataFrame({"销量": rng.integers(10, 100, size=len(idx))}, index=idx).reset_index()


def region_table(sales):
    """行：月份，列：地区，值：两种产品的销量之和，带合计行列。"""
    return sales.pivot_table(index="月份", columns="地区", values="销量", aggfunc="sum", margins=True, margins_name="合计")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    sales = make_sales(args.seed)
    print(f"长表的行数: {len(sales)}")
    print(sales.head(6))

    print("\n== pivot：只重排 ==")
    only_a = sales[sales["产品"] == "A"]
    wide = only_a.pivot(index="月份", columns="地区", values="销量")
    print(wide)
    try:
        sales.pivot(index="月份", columns="地区", values="销量")  # 每格有 A、B 两条记录
    except ValueError as err:
        print("对含重复的表用 pivot:", err)

    print("\n== pivot_table：聚合 + 合计 ==")
    table = region_table(sales)
    print(table)
    print(f"总销量: {table.loc['合计', '合计']}")

    print("\n== 两层列：地区 × 产品 ==")
    print(sales.pivot_table(index="月份", columns=["地区", "产品"], values="销量", aggfunc="sum"))

    print("\n== melt：宽表变回长表 ==")
    long = wide.reset_index().melt(id_vars="月份", var_name="地区", value_name="销量")
    print(long.head(4))
    print(f"melt 后的行数: {len(long)}")
    key = ["月份", "地区"]
    same = long.sort_values(key)["销量"].tolist() == only_a.sort_values(key)["销量"].tolist()
    print("与原来的 A 产品数据一致:", same)


if __name__ == "__main__":
    main()
