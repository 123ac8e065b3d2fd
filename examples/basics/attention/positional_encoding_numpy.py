# env: main
"""正弦位置编码：每一对维度是一个频率不同的“时钟”，相对位移是与位置无关的旋转。

PE[pos, 2i] = sin(pos·ω_i)，PE[pos, 2i+1] = cos(pos·ω_i)，ω_i = 1 / 10000^(2i/d)。
低维转得快（波长 2π），高维转得慢（波长可达 2π·10000）。对任意位移 k，
(sin, cos) 在 pos+k 处的值等于 pos 处的值乘一个只依赖 k 的 2×2 旋转矩阵，于是 PE[pos+k] = M_k PE[pos]；
两个位置编码的内积也只依赖它们的距离。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_int


def positional_encoding(n_pos, d, base=10000.0):
    """(n_pos, d) 的正弦位置编码，d 为偶数。"""
    omega = 1.0 / base ** (np.arange(0, d, 2) / d)
    angle = np.arange(n_pos)[:, None] * omega[None, :]
    P = np.zeros((n_pos, d))
    P[:, 0::2], P[:, 1::2] = np.sin(angle), np.cos(angle)
    return P


def shift_matrix(k, d, base=10000.0):
    """位移 k 对应的 (d, d) 分块对角旋转矩阵 M_k：PE[pos + k] = M_k @ PE[pos]，与 pos 无关。"""
    M = np.zeros((d, d))
    for i, w in enumerate(1.0 / base ** (np.arange(0, d, 2) / d)):
        c, s = np.cos(k * w), np.sin(k * w)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=positive_int, default=64, help="位置个数")
    parser.add_argument("--dim", type=positive_int, default=32, help="编码维数 d（偶数）")
    args = parser.parse_args(argv)
    if args.dim % 2:
        parser.error("--dim 必须是偶数")
    n, d = args.positions, args.dim
    P = positional_encoding(n, d)
    print("位置编码形状:", P.shape)
    print(f"第 0 维与第 {d - 2} 维的波长: {2 * np.pi:.2f}, {2 * np.pi * 10000 ** ((d - 2) / d):.1f}")
    print(f"每个位置的范数（都等于 √(d/2) = {np.sqrt(d / 2):.4f}）: 最小 {np.linalg.norm(P, axis=1).min():.4f}, "
          f"最大 {np.linalg.norm(P, axis=1).max():.4f}")

    for k in (1, 5, 20):
        err = np.abs(P[k:] - P[:-k] @ shift_matrix(k, d).T).max()
        print(f"位移 k={k:<2d}: 所有位置上 PE[pos+k] 与 M_k·PE[pos] 的最大差: {err:.1e}")
    G = P @ P.T
    spread = max(np.ptp(np.diag(G, k)) for k in range(n // 2))
    print(f"内积 PE[p]·PE[p+k] 随 p 的最大变化（k 固定）: {spread:.1e}")
    print("内积随距离 k 的变化（k=0,1,2,4,8,16）:", np.round([G[0, k] for k in (0, 1, 2, 4, 8, 16)], 2))

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    im = axes[0].imshow(P.T, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, origin="lower")
    axes[0].set(xlabel="位置 pos", ylabel="维度", title="正弦位置编码")
    fig.colorbar(im, ax=axes[0])
    for j in (0, 2, 8, 16):
        axes[1].plot(P[:, j], label=f"第 {j} 维")
    axes[1].set(xlabel="位置 pos", ylabel="编码值", title="低维变化快、高维变化慢")
    axes[1].legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
