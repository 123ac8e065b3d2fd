# env: main
"""练习（损失函数）：直接从 logits 计算二元交叉熵，数值稳定。

在两行标记之间写完 bce_with_logits(z, y)：z 是未经 sigmoid 的分数，y 是 0 或 1 的标签，返回逐元素的损失
-[y·log σ(z) + (1-y)·log(1-σ(z))]。然后运行 python bce_logits.py。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def bce_with_logits(z, y):
    """逐元素的二元交叉熵损失，z 与 y 形状相同，返回同形状的数组。"""
    raise NotImplementedError("bce_with_logits(z, y) 还没有写")
# ====== 你的代码到这里结束 ======


z = np.linspace(-8, 8, 33)


def naive(z, y):
    p = 1 / (1 + np.exp(-z))
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def check_naive():
    for y in (0.0, 1.0):
        out = np.asarray(bce_with_logits(z, np.full_like(z, y)))
        if out.shape != z.shape or not np.allclose(out, naive(z, y)):
            return f"标签 y={y:.0f}、z 在 [-8, 8] 内时，应与先算 sigmoid 再取对数的公式相同"


def check_extreme():
    big = np.array([-800.0, 800.0])
    with np.errstate(all="ignore"):
        right = np.asarray(bce_with_logits(big, np.array([0.0, 1.0])))
        wrong = np.asarray(bce_with_logits(big, np.array([1.0, 0.0])))
    if not (np.allclose(right, 0) and np.allclose(wrong, 800)):
        return "z = ±800：分对时损失应约为 0，分错时约为 |z|（不能是 inf 或 nan）；用 log(1+e^t) 的稳定写法"


def check_grad():
    y = (np.arange(33) % 2).astype(float)
    num = (np.asarray(bce_with_logits(z + 1e-6, y)) - np.asarray(bce_with_logits(z - 1e-6, y))) / 2e-6
    if not np.allclose(num, 1 / (1 + np.exp(-z)) - y, atol=1e-6):
        return "损失对 z 的导数应是 σ(z) − y；你的函数的数值导数不是"


CHECKS = [("与朴素公式一致", check_naive), ("极端 logits 不溢出", check_extreme), ("导数为 σ(z)−y", check_grad)]


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
