# env: main
"""初始化的尺度：信号穿过 30 层网络时是消失、爆炸，还是保持不变。

每层 z = W h、h' = f(z)，权重 W 的元素独立同分布、均值 0、方差 σ²。前向时
Var(z) ≈ n_in σ² E[h²]；tanh 在 0 附近近似恒等，E[h²] ≈ Var(z)，要求 n_in σ² = 1；
ReLU 砍掉一半，E[h²] = Var(z)/2，要求 n_in σ² = 2（He 初始化）。反向传播的梯度同理要求
n_out σ² = 1，Xavier/Glorot 折中取 σ² = 2/(n_in + n_out)。本示例对四种初始化、两种激活
函数画出每一层激活值与梯度的标准差，并打印前向每层 E[z²] 之比与反向每层梯度方差之比。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int

ACTIVATIONS = {"tanh": (np.tanh, lambda z, h: 1 - h ** 2),
               "ReLU": (lambda z: np.maximum(z, 0), lambda z, h: (z > 0).astype(z.dtype))}


def glorot_uniform(fan_in, fan_out, rng):
    """Xavier/Glorot 均匀分布 U(−a, a)，a = √(6/(n_in+n_out))，方差 a²/3 = 2/(n_in+n_out)。"""
    limit = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def glorot_normal(fan_in, fan_out, rng, truncated=False):
    """Xavier/Glorot 正态分布，方差 2/(n_in+n_out)。"""
    return _normal(np.sqrt(2 / (fan_in + fan_out)), (fan_in, fan_out), rng, truncated)


def he_normal(fan_in, fan_out, rng, truncated=False):
    """He（Kaiming）正态分布，方差 2/n_in。"""
    return _normal(np.sqrt(2 / fan_in), (fan_in, fan_out), rng, truncated)


def he_uniform(fan_in, fan_out, rng):
    """He 均匀分布 U(−a, a)，a = √(6/n_in)。"""
    limit = np.sqrt(6 / fan_in)
    return rng.uniform(-limit, limit, (fan_in, fan_out))


# 截断在 ±2 个标准差的标准正态分布，其标准差是 0.8796…；Keras 先除以它，保证截断后方差不变。
TRUNC_STD = 0.87962566103423978


def _normal(std, shape, rng, truncated):
    if not truncated:
        return rng.normal(0, std, shape)
    z = rng.normal(size=shape)
    bad = np.abs(z) > 2
    while bad.any():                                   # 拒绝采样：落在 ±2 之外的重抽
        z[bad] = rng.normal(size=bad.sum())
        bad = np.abs(z) > 2
    return z * std / TRUNC_STD


INITS = {"过小 (σ=0.01)": lambda n, rng: rng.normal(0, 0.01, (n, n)),
         "过大 (σ=1)": lambda n, rng: rng.normal(0, 1.0, (n, n)),
         "Xavier": lambda n, rng: glorot_normal(n, n, rng),
         "He": lambda n, rng: he_normal(n, n, rng)}


def propagate(init, activation, depth=30, width=128, batch=128, seed=0):
    """前向、再反向穿过 depth 层，返回每层激活 h 的标准差、每层 ∂L/∂h 的标准差和 E[z²]。"""
    rng = np.random.default_rng(seed)
    f, df = ACTIVATIONS[activation]
    Ws = [INITS[init](width, rng) for _ in range(depth)]
    h = rng.normal(size=(batch, width))
    cache, act_std, z_sq = [], [], []
    for W in Ws:
        z = h @ W
        h = f(z)
        cache.append((z, h))
        act_std.append(h.std())
        z_sq.append(np.mean(z ** 2))
    g = rng.normal(size=h.shape)                       # 从最后一层传回来的梯度 ∂L/∂h
    grad_std = []
    for W, (z, h) in zip(reversed(Ws), reversed(cache)):
        grad_std.append(g.std())
        g = (g * df(z, h)) @ W.T
    return np.array(act_std), np.array(grad_std[::-1]), np.array(z_sq)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=positive_int, default=30, help="层数")
    parser.add_argument("--width", type=positive_int, default=128, help="每层单元数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.depth < 2:
        parser.error("--depth 至少为 2")

    fig, axes = plt.subplots(2, 2, figsize=(9, 6.4), sharex=True)
    layers = np.arange(1, args.depth + 1)
    for col, act in enumerate(ACTIVATIONS):
        for init in INITS:
            a, g, z_sq = propagate(init, act, args.depth, args.width, seed=args.seed)
            ratio = np.exp(np.mean(np.diff(np.log(z_sq))))           # depth−1 个相邻层之比的几何平均
            g_ratio = np.exp(-np.mean(np.diff(np.log(g ** 2))))      # 反向每过一层，梯度方差乘以它
            print(f"{act} + {init}: 末层激活标准差 {a[-1]:.3g}, 第 1 层梯度标准差 {g[0]:.3g}, "
                  f"每层 E[z²] 之比 {ratio:.3f}, 反向每层梯度方差之比 {g_ratio:.3f}")
            axes[0, col].semilogy(layers, np.maximum(a, 1e-300), marker=".", label=init)
            axes[1, col].semilogy(layers, np.maximum(g, 1e-300), marker=".", label=init)
        axes[0, col].set_title(f"{act}：各层激活值的标准差")
        axes[1, col].set_title(f"{act}：各层梯度 ∂L/∂h 的标准差")
        axes[1, col].set_xlabel("层")
    # tanh 再加深：He 的梯度每层乘以约 1.1，一直指数增长；Xavier 的梯度缩小得越来越慢
    for depth in (100, 200):                       # 批量取 32 个样本，够估计标准差，也快一些
        first = {init: propagate(init, "tanh", depth, args.width, batch=32, seed=args.seed)[1][0]
                 for init in ("Xavier", "He")}
        print(f"tanh {depth} 层: 第 1 层梯度标准差 Xavier {first['Xavier']:.3g}, He {first['He']:.3g}")
    axes[0, 0].legend(fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
