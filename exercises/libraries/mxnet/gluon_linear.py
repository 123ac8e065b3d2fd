# env: mxnet
"""练习（MXNet）：用 Gluon 训练线性回归。

在两行标记之间写完 fit_linear(X, y, epochs, lr, batch_size)：用一层 nn.Dense(1)、gluon.loss.L2Loss 与
gluon.Trainer（"sgd"）按小批量训练，返回学到的 (w, b)——w 是形状 (d,) 的 NumPy 数组，b 是浮点数。
记住正文说的 trainer.step(B)：它先把梯度除以 B。然后在 MXNet 环境里运行 python gluon_linear.py：
批改把结果与最小二乘的解（np.linalg.lstsq）比较。
"""
import sys

import mxnet as mx
import numpy as onp
from mxnet import autograd, gluon, init, np, npx  # noqa: F401  (你的代码里用它们)
from mxnet.gluon import nn  # noqa: F401  (你的代码里用它)

npx.set_np()

# ====== 你的代码从这里开始 ======
def fit_linear(X, y, epochs, lr, batch_size):
    """X：(n, d) 的 NumPy 数组，y：(n,)。返回 (w, b)：w 形状 (d,) 的 NumPy 数组，b 是 float。"""
    raise NotImplementedError("fit_linear(X, y, epochs, lr, batch_size) 还没有写")
# ====== 你的代码到这里结束 ======


def data(n, d, seed):
    rng = onp.random.default_rng(seed)
    X = rng.normal(size=(n, d)).astype(onp.float32)
    y = (X @ rng.normal(size=d) + 0.5 + 0.1 * rng.normal(size=n)).astype(onp.float32)
    return X, y


def least_squares(X, y):
    A = onp.hstack([X, onp.ones((len(X), 1))])
    sol = onp.linalg.lstsq(A, y, rcond=None)[0]
    return sol[:-1], sol[-1]


def check_types():
    mx.random.seed(0)
    w, b = fit_linear(*data(64, 3, 0), epochs=1, lr=0.1, batch_size=16)
    if not (isinstance(w, onp.ndarray) and w.shape == (3,) and isinstance(b, float)):
        return (f"d = 3：应返回形状 (3,) 的 NumPy 数组和一个 float，"
                f"你的是 {type(w).__name__} {getattr(w, 'shape', '')} 与 {type(b).__name__}")


def close_to_lstsq(n, d, seed, epochs, lr, batch_size):
    def run():
        mx.random.seed(seed)
        X, y = data(n, d, seed)
        w, b = fit_linear(X, y, epochs=epochs, lr=lr, batch_size=batch_size)
        w_ls, b_ls = least_squares(X, y)
        if not (onp.all(onp.isfinite(w)) and onp.isfinite(b)):
            return f"n={n}, 批量 {batch_size}, lr={lr}：参数变成了 inf/NaN——训练发散了（trainer.step 的参数是什么？）"
        if not (onp.allclose(w, w_ls, atol=0.02) and abs(b - b_ls) < 0.02):
            return (f"n={n}, d={d}, {epochs} 轮：w、b 应接近最小二乘的解（误差 0.02 以内），"
                    f"最大误差是 {max(onp.abs(w - w_ls).max(), abs(b - b_ls)):.3f}")
    return run


CHECKS = [("返回值的类型与形状", check_types),
          ("d = 3，批量 20", close_to_lstsq(200, 3, 1, epochs=30, lr=0.1, batch_size=20)),
          ("d = 5，批量 100，较大的学习率", close_to_lstsq(500, 5, 2, epochs=40, lr=0.5, batch_size=100))]


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
