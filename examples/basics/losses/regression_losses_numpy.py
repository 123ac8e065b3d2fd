# env: main
"""回归损失：均方误差、L1、Huber 与 Smooth L1 的 NumPy 实现、图像与对离群点的敏感度。

记残差 r = 预测值 − 真实值。四种损失都对全部元素取平均（与 Keras 默认的
"sum_over_batch_size" 归约、以及 Gluon 逐样本取平均后再对批取平均的结果相同）。
最后用一组带离群点的数据比较：哪个常数 c 使各损失最小。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_float


def mse(y, p):
    return np.mean((p - y) ** 2)


def mae(y, p):
    return np.mean(np.abs(p - y))


def huber(y, p, delta=1.0):
    """|r| ≤ δ 时为 r²/2，否则为 δ(|r| − δ/2)：两段在 |r| = δ 处值与导数都连续。"""
    a = np.abs(p - y)
    return np.mean(np.where(a <= delta, 0.5 * a * a, delta * (a - 0.5 * delta)))


def smooth_l1(y, p, beta=1.0):
    """|r| < β 时为 r²/(2β)，否则为 |r| − β/2；恰好等于 Huber_β / β。"""
    a = np.abs(p - y)
    return np.mean(np.where(a < beta, 0.5 * a * a / beta, a - 0.5 * beta))


# 对预测值 p 的梯度（平均归约带来的 1/N）
def mse_grad(y, p):
    return 2 * (p - y) / np.size(p)


def mae_grad(y, p):
    return np.sign(p - y) / np.size(p)


def huber_grad(y, p, delta=1.0):
    return np.clip(p - y, -delta, delta) / np.size(p)


def smooth_l1_grad(y, p, beta=1.0):
    return np.clip((p - y) / beta, -1, 1) / np.size(p)


def make_batch(seed=0):
    """一批 8×3 的回归目标与预测；三个框架的示例用同一个种子得到同样的数。"""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=(8, 3))
    return y, y + rng.normal(scale=1.5, size=(8, 3))


def best_constant(loss, data, **kw):
    """在细网格上找使 loss(data, c) 最小的常数 c。"""
    grid = np.linspace(data.min(), data.max(), 20001)
    return grid[np.argmin([loss(data, c, **kw) for c in grid])]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delta", type=positive_float, default=2.0,
                        help="Huber 的 δ 与 Smooth L1 的 β")
    args = parser.parse_args(argv)
    d = args.delta

    y, p = make_batch()
    print(f"MSE: {mse(y, p):.6f}")
    print(f"L1 损失: {mae(y, p):.6f}")
    print(f"Huber 损失: {huber(y, p, d):.6f}")
    print(f"Smooth L1 损失: {smooth_l1(y, p, d):.6f}")

    rng = np.random.default_rng(1)
    data = np.concatenate([rng.normal(0.0, 1.0, 30), [15.0, 18.0, 20.0]])  # 3 个离群点
    print(f"样本均值: {data.mean():.3f}")
    print(f"样本中位数: {np.median(data):.3f}")
    for label, fn, kw in [("MSE", mse, {}), ("L1", mae, {}), ("Huber", huber, {"delta": d})]:
        print(f"{label} 最优常数: {best_constant(fn, data, **kw):.3f}")

    r = np.linspace(-3, 3, 601)
    zero = np.zeros(1)
    curves = {"MSE r²": (mse, {}), "L1 |r|": (mae, {}), f"Huber δ={d:g}": (huber, {"delta": d}),
              f"Smooth L1 β={d:g}": (smooth_l1, {"beta": d})}
    grads = [mse_grad, mae_grad, huber_grad, smooth_l1_grad]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    for (label, (fn, kw)), g in zip(curves.items(), grads):
        style = "--" if label.startswith("Smooth") else "-"
        ax1.plot(r, [fn(zero, np.array([v]), **kw) for v in r], style, label=label)
        ax2.plot(r, [g(zero, np.array([v]), **kw)[0] for v in r], style, label=label)
    ax1.set(xlabel="残差 r = 预测 − 真实", ylabel="损失", ylim=(0, 4), title="损失函数")
    ax2.set(xlabel="残差 r = 预测 − 真实", ylabel="对预测值的导数", ylim=(-3.2, 3.2),
            title="导数：MSE 随残差线性增长，其余三者有界")
    ax1.legend()
    plt.show()


if __name__ == "__main__":
    main()
