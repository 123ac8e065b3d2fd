# env: main
"""练习（现代卷积神经网络）：卷积层之后的批量归一化（训练模式的前向）。

在两行标记之间写完 bn_conv(x, gamma, beta, eps)：x 是 N×C×H×W 的特征图，gamma、beta 各有 C 个元素。
每个通道一组统计量，对批量、高、宽三个维度一起求；返回同形状的输出。
然后运行 python bn_conv.py：批改检查每个通道是不是同一个线性变换、输出的均值与方差，以及批量为 1 的情形。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def bn_conv(x, gamma, beta, eps=1e-5):
    """训练模式的批量归一化：x 形状 (N, C, H, W)，gamma、beta 形状 (C,)。返回形状 (N, C, H, W) 的数组。"""
    raise NotImplementedError("bn_conv(x, gamma, beta, eps) 还没有写")
# ====== 你的代码到这里结束 ======


rng = np.random.default_rng(0)
X = rng.normal(size=(4, 3, 5, 5)) * np.array([1.0, 3.0, 0.5])[:, None, None] + np.array([2.0, -1.0, 5.0])[:, None, None]
X[1] += 4.0                                            # 第 2 个样本整体偏大：按样本归一化就看得出来
GAMMA, BETA = np.array([1.5, 0.5, 2.0]), np.array([0.0, 1.0, -2.0])


def check_shape():
    y = np.asarray(bn_conv(X, GAMMA, BETA))
    if y.shape != X.shape:
        return f"输入形状 {X.shape}，输出形状应相同，你的是 {y.shape}"


def check_one_map_per_channel():
    y = np.asarray(bn_conv(X, GAMMA, BETA))
    for c in range(X.shape[1]):
        A = np.stack([X[:, c].ravel(), np.ones(X[:, c].size)], axis=1)
        fit = np.linalg.lstsq(A, y[:, c].ravel(), rcond=None)[0]
        if np.abs(A @ fit - y[:, c].ravel()).max() > 1e-8:
            return (f"通道 {c}：同一个通道的全部 N×H×W 个元素应当用同一组均值和方差变换（y = a·x + b），"
                    "你的输出在不同样本或位置上用了不同的变换")


def check_moments():
    y = np.asarray(bn_conv(X, GAMMA, BETA, eps=1e-5))
    var = X.var(axis=(0, 2, 3))
    if not np.allclose(y.mean(axis=(0, 2, 3)), BETA, atol=1e-8):
        return "每个通道输出的均值（对 N、H、W 求）应等于这个通道的 β"
    if not np.allclose(y.var(axis=(0, 2, 3)), GAMMA ** 2 * var / (var + 1e-5), rtol=1e-8):
        return "每个通道输出的方差应为 γ²·σ²/(σ² + ε)：归一化用的是总体方差（除以 m，不是 m − 1），ε 加在方差上"


def check_degenerate():
    y = np.asarray(bn_conv(np.full((1, 3, 1, 1), 7.0), GAMMA, BETA))
    if y.shape != (1, 3, 1, 1) or not np.allclose(y.ravel(), BETA):
        return "批量为 1、特征图 1×1 时每个通道只有一个数，方差为 0，输出应恰好等于 β（不应出现 nan）"


CHECKS = [("输出形状", check_shape), ("每个通道一组统计量（对 N、H、W 求）", check_one_map_per_channel),
          ("输出的均值与方差", check_moments), ("批量为 1、1×1 特征图", check_degenerate)]


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
