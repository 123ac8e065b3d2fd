# env: main
"""练习（pandas）：每种优化器最好的学习率。

用同一张长表，在两行标记之间写完 best_lr(df)：返回一个 Series，索引是优化器，值是平均准确率最高的学习率
（先对种子求平均，再在学习率之间比较）。然后运行 python best_lr.py：批改与逐组筛选的结果比较。
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
def best_lr(df):
    """返回 Series：索引 optimizer，值 lr。"""
    raise NotImplementedError("best_lr(df) 还没有写")
# ====== 你的代码到这里结束 ======


df = results()


def check_all():
    s = best_lr(df.copy())
    if not isinstance(s, pd.Series) or sorted(s.index) != sorted(df.optimizer.unique()):
        return "结果应是一个 Series，索引是三种优化器"
    for opt in df.optimizer.unique():
        sub = df[df.optimizer == opt]
        means = {lr: sub[sub.lr == lr].acc.mean() for lr in sub.lr.unique()}
        if not np.isclose(s[opt], max(means, key=means.get)):
            return f"{opt} 的结果不对：要比较的是每个学习率所有种子的平均值，不是单次运行的最好值"


def check_single_seed():
    s = best_lr(df[df.seed == 0].copy())
    sub = df[df.seed == 0]
    want = sub.loc[sub.groupby("optimizer").acc.idxmax()].set_index("optimizer").lr
    if not np.allclose(s.sort_index(), want.sort_index()):
        return "只有一个种子时，结果应是每种优化器准确率最高那一行的学习率"


CHECKS = [("三种优化器的最好学习率", check_all), ("只有一个种子时", check_single_seed)]


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
