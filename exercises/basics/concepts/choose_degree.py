# env: main
"""练习（机器学习的概念）：用 k 折交叉验证选多项式的阶数。

正文用一份单独的验证集选阶数；数据少时改用 k 折交叉验证。在两行标记之间写完
cv_choose_degree(x, y, degrees, k)：对每个阶数 d，用 k 折里每一对下标的训练部分拟合多项式
（np.polyfit），在验证部分上算 RMSE，k 个 RMSE 取平均；返回 (平均验证 RMSE 最小的阶数, 各阶数的平均 RMSE 列表)。
然后运行 python choose_degree.py：批改在几组数据上检查你选出的阶数与误差的性质。
"""
import sys

import numpy as np


def kfold_indices(n, k):
    """k 折的 (训练下标, 验证下标)（上一个练习的答案）。"""
    idx = np.arange(n)
    return [(np.setdiff1d(idx, fold), fold) for fold in np.array_split(idx, k)]


def rmse(y_hat, y):
    return float(np.sqrt(np.mean((y_hat - y) ** 2)))

# ====== 你的代码从这里开始 ======
def cv_choose_degree(x, y, degrees, k):
    """x, y：一维数组（已打乱）；degrees：候选阶数的列表。返回 (best_degree, [平均验证 RMSE, ...])。"""
    raise NotImplementedError("cv_choose_degree(x, y, degrees, k) 还没有写")
# ====== 你的代码到这里结束 ======


def sine_data(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, n)
    return x, np.sin(2 * np.pi * x) + rng.normal(0, 0.2, n)


DEGREES = list(range(0, 13))


def check_shape():
    x, y = sine_data(40, 0)
    best, errs = cv_choose_degree(x, y, DEGREES, 5)
    if len(errs) != len(DEGREES) or best not in DEGREES:
        return f"{len(DEGREES)} 个候选阶数：应返回其中之一和 {len(DEGREES)} 个平均误差，你的是 {best!r} 与 {len(errs)} 个"
    if best != DEGREES[int(np.argmin(errs))]:
        return "返回的阶数应是平均验证误差最小的那个"


def check_not_training_error():
    x, y = sine_data(25, 0)
    _, errs = cv_choose_degree(x, y, DEGREES, 5)
    if not errs[-1] > 3 * min(errs):
        return ("25 个点、阶数 12：验证误差应明显高于最好的阶数（过拟合）；你的误差随阶数一直下降，"
                "像是在训练数据上算的 RMSE")


def check_sine():
    for seed in range(3):
        x, y = sine_data(25, seed)
        best, _ = cv_choose_degree(x, y, DEGREES, 5)
        if not 3 <= best <= 8:
            return f"带噪声的 sin(2πx)（种子 {seed}）：合适的阶数在中间，不会是 {best}"


def check_line():
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, 30)
    best, _ = cv_choose_degree(x, 2 * x + 1 + rng.normal(0, 0.1, 30), DEGREES, 5)
    if best != 1:
        return f"数据来自一条直线加噪声：交叉验证应选阶数 1，你的结果是 {best}"


CHECKS = [("返回值的形状", check_shape), ("误差是在验证部分上算的", check_not_training_error),
          ("sin(2πx) 选出中等的阶数", check_sine), ("直线数据选阶数 1", check_line)]


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
