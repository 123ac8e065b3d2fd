# env: main
"""练习（感知机）：写出感知机学习规则的一次更新。

在两行标记之间写完 update(w, b, x, y)，然后运行 python update.py。
批改检查规则的性质：分对的样本不改变参数；分错的样本使 y·(w·x+b) 变大；在线性可分的数据上若干轮后全部分对。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def update(w, b, x, y, lr=1.0):
    """感知机对一个样本 (x, y)（y 为 +1 或 -1）的更新，返回新的 (w, b)；不要原地修改 w。"""
    raise NotImplementedError("update(w, b, x, y) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
X = rng.normal(size=(100, 2))
Y = np.where(X @ np.array([2.0, -1.0]) + 0.3 > 0, 1, -1)


def check_correct_unchanged():
    w, b = np.array([2.0, -1.0]), 0.3
    for x, y in zip(X, Y):
        w2, b2 = update(w.copy(), b, x, y)
        if not (np.allclose(w2, w) and np.isclose(b2, b)):
            return f"样本 x={x.round(2)} 已经分对（y={y}），参数却变了"


def check_margin_grows():
    w, b = np.array([-1.0, 1.0]), 0.0
    for x, y in zip(X, Y):
        if y * (w @ x + b) <= 0:
            w2, b2 = update(w.copy(), b, x, y)
            if not y * (np.asarray(w2) @ x + b2) > y * (w @ x + b):
                return f"分错的样本 x={x.round(2)}、y={y}：更新后 y·(w·x+b) 应当变大"
    return None


def check_converges():
    w, b = np.zeros(2), 0.0
    for _ in range(50):
        for x, y in zip(X, Y):
            w, b = update(w, b, x, y)
    acc = np.mean(np.where(X @ w + b > 0, 1, -1) == Y)
    if acc < 1:
        return f"线性可分的 100 个点上训练 50 轮后准确率只有 {acc:.2f}（应为 1）"


CHECKS = [("分对的样本不改变参数", check_correct_unchanged), ("分错的样本使间隔变大", check_margin_grows),
          ("线性可分的数据上收敛", check_converges)]


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
