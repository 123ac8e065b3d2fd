# env: main
"""合并表：``merge``、``join`` 与 ``concat``。

``pd.merge(左, 右, on=键, how=...)`` 按键把两张表的行配对，和 SQL 的 JOIN 一样：
``inner`` 只保留两边都有的键，``left``/``right`` 保留一侧全部的键，``outer`` 保留所有键，
配不上的位置为缺失。一个键在一侧出现多次时结果会“展开”成多行（一对多）。
``join`` 是按索引合并的简写，``concat`` 把表上下（或左右）拼接。
"""
import argparse

import pandas as pd


def make_tables():
    """虚构的学生表（每人一行）与成绩表（每人每科一行，含一个不存在的学号）。"""
    students = pd.DataFrame(
        {"学号": [1, 2, 3, 4], "姓名": ["张三", "李四", "王五", "赵六"], "班级": ["一班", "一班", "二班", "二班"]}
    )
    scores = pd.DataFrame(
        {
            "学号": [1, 1, 2, 3, 3, 5],
            "科目": ["数学", "英语", "数学", "数学", "英语", "数学"],
            "分数": [88, 75, 92, 79, 90, 60],
        }
    )
    return students, scores


def merge_counts(left, right, key):
    """四种 how 得到的行数。"""
    return {how: len(pd.merge(left, right, on=key, how=how)) for how in ("inner", "left", "right", "outer")}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    pd.set_option("display.unicode.east_asian_width", True)

    students, scores = make_tables()
    print("学生表:\n", students, sep="")
    print("成绩表:\n", scores, sep="")

    print("\n== 四种合并方式 ==")
    for how, n in merge_counts(students, scores, "学号").items():
        print(f"{how} 的行数: {n}")

    print("\n== outer + indicator：看每行来自哪一侧 ==")
    both = pd.merge(students, scores, on="学号", how="outer", indicator=True)
    print(both)
    print("来源计数:", {str(k): int(v) for k, v in both["_merge"].value_counts().items()})

    # validate 检查键的关系，不符合就报错，防止意外的多对多展开
    checked = pd.merge(students, scores, on="学号", how="inner", validate="one_to_many")
    print(f"\nvalidate='one_to_many' 通过，行数: {len(checked)}")
    try:
        pd.merge(scores, scores, on="学号", validate="one_to_one")
    except pd.errors.MergeError as err:
        print("validate='one_to_one' 失败:", str(err).splitlines()[0])

    print("\n== join：按索引合并 ==")
    avg = scores.groupby("学号")["分数"].mean().rename("平均分")
    joined = students.set_index("学号").join(avg, how="left")
    print(joined)

    print("\n== concat：上下拼接 ==")
    new = pd.DataFrame({"学号": [5], "姓名": ["孙七"], "班级": ["三班"]})
    all_students = pd.concat([students, new], ignore_index=True)
    print(f"拼接后的学生数: {len(all_students)}")
    print(f"补上学生 5 后 inner 的行数: {len(pd.merge(all_students, scores, on='学号'))}")


if __name__ == "__main__":
    main()
