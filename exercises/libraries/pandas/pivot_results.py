# env: main
"""练习（pandas）：把实验结果的长表整理成一张对照表。

results() 给出一张“长”表（每个优化器 × 学习率 × 随机种子一行）。在两行标记之间写完 mean_table(df)：
返回一张宽表，行是优化器，列是学习率（从小到大），值是各个种子的平均准确率。然后运行 python pivot_results.py。
"""
import sys

import numpy as np
import pandas as pd

def results():
    """一张“长”表：每种优化器、每个学习率、每个随机种子一行。"""
    rng = np.random.default_rng(0)
    rows = [(opt, lr, seed, round(0.9 - abs(np.log10(lr) - c) * 0.05 + 0.01 * rng.normal(), 4))
            for opt, c in [("SGD", -1), ("Adam", -3), ("RMSProp", -2.5)]
            for lr in [1e-4, 1e-3, 1e-2, 1e-1] for seed in range(3)]
    rows.append(("SGD", 1e-3, 3, 0.99))  # 一次侥幸的好结果：看单次最好值会选错
    return pd.DataFrame(rows, columns=["optimizer", "lr", "seed", "acc"]).sample(frac=1, random_state=0)

# ====== 你的代码从这里开始 ======
def mean_table(df):
    """行索引：optimizer；列：lr（升序）；值：acc 的平均值。"""
    raise NotImplementedError("mean_table(df) 还没有写")
# ====== 你的代码到这里结束 ======


df = results()


def check_axes():
    t = mean_table(df.copy())
    if not isinstance(t, pd.DataFrame) or sorted(t.index) != sorted(df.optimizer.unique()):
        return "结果应是 DataFrame，每个优化器一行（行索引是优化器的名字）"
    if list(t.columns) != sorted(df.lr.unique()):
        return "列应是四个学习率，从小到大"


def check_values():
    t = mean_table(df.copy())
    for opt in df.optimizer.unique():
        for lr in df.lr.unique():
            want = df[(df.optimizer == opt) & (df.lr == lr)].acc.mean()
            if not np.isclose(t.loc[opt, lr], want):
                return f"{opt}、学习率 {lr}：格子里应是这一组所有种子的平均准确率"


def check_input():
    before = df.copy()
    mean_table(df)
    if not df.equals(before):
        return "不要修改传入的 DataFrame"


CHECKS = [("行与列", check_axes), ("每格是平均值", check_values), ("不修改输入", check_input)]


# ---- 批改（不用修改下面的代码） ----
def grade(checks):
    """逐项运行检查：每项返回 None 表示通过，否则返回一句提示。全部通过时返回 0。"""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # 不支持 ✓ ✗ 的终端里显示成 ?
    passed = 0
    for label, check in checks:
        try:
            hint = check()
        except NotImplementedError as exc:
            hint = f"{exc}：在“你的代码”两行标记之间把它写完"
        except Exception as exc:  # 你的代码出了错：说明是哪项检查、什么错误，不打印 traceback
            hint = f"运行你的代码时出错：{type(exc).__name__}: {exc}"
        print(f"✓ {label}" if hint is None else f"✗ {label}\n    提示：{hint}")
        passed += hint is None
    print(f"通过 {passed}/{len(checks)} 项检查" + ("，全部正确。" if passed == len(checks) else "。"))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(grade(CHECKS))
