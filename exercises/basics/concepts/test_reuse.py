# env: main
"""练习（机器学习的概念）：反复用测试集挑模型，估计为什么偏乐观。

正文说：测试集一旦参与了选择，它给出的估计就会偏乐观。设计一个实验看清这件事。在两行标记之间写完
reuse_experiment(n_models, n_test, seed)：一个二分类任务的标签是公平的硬币（0/1 各一半），n_models 个“模型”
各自独立地随机猜（它们的真实准确率都是 0.5）。在同一个大小为 n_test 的测试集上评估全部模型，选出准确率
最高的那个；再在一个同样大小、全新的测试集上评估它。返回 (选中的模型在旧测试集上的准确率, 它在新测试集上的准确率)。
所有随机数都来自 np.random.default_rng(seed)。然后运行 python test_reuse.py：批改在许多个种子上看这两个数的平均值。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def reuse_experiment(n_models, n_test, seed):
    """返回 (best_on_reused, same_model_on_fresh)，两个 0 到 1 之间的浮点数。"""
    raise NotImplementedError("reuse_experiment(n_models, n_test, seed) 还没有写")
# ====== 你的代码到这里结束 ======


def averages(n_models, n_test, seeds=200):
    runs = np.array([reuse_experiment(n_models, n_test, s) for s in range(seeds)], dtype=float)
    return runs.mean(0)


def check_values():
    a = reuse_experiment(10, 50, 0)
    if len(a) != 2 or not all(0 <= float(v) <= 1 for v in a):
        return "应返回两个准确率（0 到 1 之间）"
    if tuple(a) != tuple(reuse_experiment(10, 50, 0)):
        return "同一个 seed 应得到同样的结果：所有随机数都从 np.random.default_rng(seed) 取"


def check_one_model():
    old, new = averages(1, 50)
    if abs(old - 0.5) > 0.02 or abs(new - 0.5) > 0.02:
        return f"只有 1 个模型、没有挑选：两个准确率的平均都应接近 0.5，你的是 {old:.3f} 与 {new:.3f}"


def check_many_models():
    old, new = averages(100, 50)
    if not old > 0.62:
        return f"100 个模型、50 个测试样本：挑出的最好成绩平均应明显高于 0.5（偏乐观），你的平均是 {old:.3f}"
    if abs(new - 0.5) > 0.02:
        return f"同一个模型在新测试集上：它其实只是随机猜，平均应接近 0.5，你的是 {new:.3f}（新测试集要重新抽样）"


def check_big_test_set():
    old, _ = averages(100, 5000, seeds=40)
    if not old - 0.5 < 0.03:
        return f"测试集有 5000 个样本时偏差应小得多（与 1/√n 成正比），你的平均是 {old:.3f}"


CHECKS = [("返回值与可复现", check_values), ("不挑选时没有偏差", check_one_model),
          ("挑选 100 个模型时偏乐观", check_many_models), ("测试集越大偏差越小", check_big_test_set)]


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
