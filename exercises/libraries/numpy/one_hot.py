# env: main
"""练习（NumPy）：用花式索引写独热编码。

在两行标记之间写完 one_hot(labels, k)：labels 是 n 个 0…k−1 的整数，返回 n×k 的浮点数组，
第 i 行只有第 labels[i] 列为 1。不用 Python 循环，一行赋值即可。然后运行 python one_hot.py。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def one_hot(labels, k):
    """labels: 形状 (n,) 的整数数组；返回形状 (n, k) 的 float 数组。"""
    raise NotImplementedError("one_hot(labels, k) 还没有写")
# ====== 你的代码到这里结束 ======


labels = np.array([3, 0, 2, 2, 9, 1])


def check_shape():
    out = np.asarray(one_hot(labels, 10))
    if out.shape != (6, 10) or out.dtype.kind != "f":
        return f"6 个标签、k = 10：应得到形状 (6, 10) 的浮点数组，你的是 {out.shape}、{out.dtype}"


def check_rows():
    out = np.asarray(one_hot(labels, 10))
    for i, c in enumerate(labels):
        if out[i, c] != 1 or out[i].sum() != 1:
            return f"第 {i} 行（标签 {c}）应只有一个 1，在第 {c} 列"


def check_argmax():
    rng = np.random.default_rng(0)
    lab = rng.integers(0, 7, size=1000)
    if not np.array_equal(np.asarray(one_hot(lab, 7)).argmax(axis=1), lab):
        return "对 1000 个随机标签，每行 argmax 应还原出标签"


CHECKS = [("形状与类型", check_shape), ("每行一个 1", check_rows), ("argmax 还原标签", check_argmax)]


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
