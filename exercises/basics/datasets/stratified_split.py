# env: main
"""练习（数据集）：分层划分。

load_digits_split 用 stratify=y 划分：训练集与测试集里每个类别所占的比例与全体相同。不用 scikit-learn，
在两行标记之间写完 stratified_split(y, test_size, seed)：返回 (训练下标, 测试下标)，每个类别里
约 test_size 比例的样本（四舍五入到整数个）随机地进入测试集。然后运行 python stratified_split.py：
批改检查划分的不变量与各类的比例，包括一个很不均衡的标签数组。
"""
import sys

import numpy as np
from sklearn.datasets import load_digits

# ====== 你的代码从这里开始 ======
def stratified_split(y, test_size, seed):
    """y：整数标签数组；test_size：0 到 1 之间。返回 (train_idx, test_idx) 两个整数数组。"""
    raise NotImplementedError("stratified_split(y, test_size, seed) 还没有写")
# ====== 你的代码到这里结束 ======


DIGITS = load_digits().target
SKEWED = np.array([0] * 90 + [1] * 9 + [2] * 3)   # 类别 2 只有 3 个样本


def check_partition():
    for name, y in [("digits", DIGITS), ("不均衡的标签", SKEWED)]:
        tr, te = (np.asarray(a) for a in stratified_split(y, 0.25, 0))
        if sorted(np.concatenate([tr, te]).tolist()) != list(range(len(y))):
            return f"{name}：训练下标与测试下标应互不重叠，合起来恰好是 0 … {len(y) - 1}"


def check_proportions():
    for name, y in [("digits", DIGITS), ("不均衡的标签", SKEWED)]:
        for frac in (0.25, 0.5):
            _, te = stratified_split(y, frac, 0)
            for c in np.unique(y):
                want, got = frac * np.sum(y == c), np.sum(y[np.asarray(te)] == c)
                if abs(got - want) > 0.5 + 1e-9:
                    return f"{name}、test_size={frac}：类别 {c} 应有约 {frac}×{np.sum(y == c)} 个进入测试集，你的是 {got}"


def check_random():
    a, b = (np.sort(np.asarray(stratified_split(DIGITS, 0.25, s)[1])) for s in (0, 0))
    c = np.sort(np.asarray(stratified_split(DIGITS, 0.25, 1)[1]))
    if not np.array_equal(a, b):
        return "同一个 seed 应得到同一个划分（用 np.random.default_rng(seed)）"
    if np.array_equal(a, c):
        return "不同的 seed 应得到不同的划分：每个类别里要随机地挑选测试样本"
    if np.array_equal(a, np.sort(np.concatenate([np.flatnonzero(DIGITS == k)[:len(np.flatnonzero(DIGITS[a] == k))]
                                                 for k in range(10)]))):
        return "测试集恰好是每个类别的前几个样本：应随机挑选"


CHECKS = [("划分了全部样本", check_partition), ("每个类别的比例", check_proportions), ("随机而可复现", check_random)]


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
