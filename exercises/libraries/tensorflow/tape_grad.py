# env: main
"""练习（TensorFlow）：用 tf.GradientTape 求梯度。

在两行标记之间写完 tape_grad(f, x)：x 是 NumPy 数组，f 把张量映射成一个标量张量；用 tf.GradientTape
求 f 在 x 处的梯度，以 NumPy 数组返回。然后运行 python tape_grad.py：批改与几个已知的导数比较。
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # 不打印 TensorFlow 的启动信息
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

# ====== 你的代码从这里开始 ======
def tape_grad(f, x):
    """返回 ∇f(x)（NumPy 数组，形状同 x）。"""
    raise NotImplementedError("tape_grad(f, x) 还没有写")
# ====== 你的代码到这里结束 ======


x0 = np.array([[0.5, -1.0], [2.0, 0.1]])
CASES = [
    ("f(x)=Σx²", lambda x: tf.reduce_sum(x ** 2), lambda x: 2 * x),
    ("f(x)=Σ sin(x)", lambda x: tf.reduce_sum(tf.sin(x)), np.cos),
    ("f(X)=log Σ exp(X)", lambda x: tf.reduce_logsumexp(x), lambda x: np.exp(x) / np.exp(x).sum()),
]


def check(label, f, df):
    def run():
        g = tape_grad(f, x0.copy())
        if not isinstance(g, np.ndarray):
            return f"{label}：应返回 NumPy 数组（张量的 .numpy()），你返回的是 {type(g).__name__}"
        if g.shape != x0.shape or not np.allclose(g, df(x0), atol=1e-6):
            return f"{label}：梯度不对；x 要是 tf.Variable，或者在带子里 watch 它"
    return run


CHECKS = [(label, check(label, f, df)) for label, f, df in CASES]


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
