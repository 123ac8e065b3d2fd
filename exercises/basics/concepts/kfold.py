# env: main
"""练习（机器学习的概念）：k 折交叉验证的下标。

在两行标记之间写完 kfold_indices(n, k)：把下标 0 … n−1（假定数据已经打乱）分成 k 份，返回 k 对
(训练下标, 验证下标)——第 i 对用第 i 份做验证、其余 k−1 份训练。各份的大小最多相差 1。
然后运行 python kfold.py：批改检查这些下标的几条不变量。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def kfold_indices(n, k):
    """返回 [(train_idx, val_idx), ...]，共 k 对，都是整数 NumPy 数组。"""
    raise NotImplementedError("kfold_indices(n, k) 还没有写")
# ====== 你的代码到这里结束 ======


def check_partition():
    n, k = 23, 5
    pairs = kfold_indices(n, k)
    if len(pairs) != k:
        return f"n={n}, k={k}：应返回 k 对下标，你返回了 {len(pairs)} 对"
    vals = np.concatenate([np.asarray(v) for _, v in pairs])
    if sorted(vals.tolist()) != list(range(n)):
        return f"n={n}, k={k}：k 份验证下标合起来应当恰好是 0 … n−1 各一次"
    for i, (tr, v) in enumerate(pairs):
        tr, v = np.asarray(tr).tolist(), np.asarray(v).tolist()
        if set(tr) & set(v) or sorted(tr + v) != list(range(n)):
            return f"第 {i} 对：训练下标与验证下标应互不重叠，合起来是全部下标"


def check_sizes():
    for n, k in [(10, 3), (23, 5), (100, 10), (7, 2)]:
        sizes = [len(v) for _, v in kfold_indices(n, k)]
        if max(sizes) - min(sizes) > 1:
            return f"n={n}, k={k}：各份验证集的大小是 {sizes}，最多应相差 1"


def check_loo():
    pairs = kfold_indices(6, 6)
    if [len(v) for _, v in pairs] != [1] * 6 or any(len(tr) != 5 for tr, _ in pairs):
        return "k = n = 6（留一法）：每次验证 1 个样本、训练其余 5 个"


CHECKS = [("验证集划分了全部下标", check_partition), ("各份大小均匀", check_sizes), ("k = n 时是留一法", check_loo)]


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
