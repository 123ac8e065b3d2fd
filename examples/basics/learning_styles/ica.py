# env: main
"""独立成分分析：把两个线性混合在一起的信号重新分离出来。

两个独立的源信号（正弦波和方波）按未知的混合矩阵 A 线性混合成两路观测 x = A s（再加少量噪声），
好比两个麦克风各自录到两个声源的叠加。FastICA 只看观测 x，寻找解混矩阵 W，使 ŝ = W x
的各分量尽量非高斯、相互独立。ICA 无法确定源信号的顺序和幅度（包括正负号），
所以比较时先按相关系数配对；W·A 应接近一个"置换 × 缩放"矩阵。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import FastICA

from mmdl.cli import nonnegative_int, positive_int

MIXING = np.array([[1.0, 0.6], [0.5, 1.0]])   # 未知的混合矩阵 A（示例里用来生成数据和事后检验）


def make_sources(n):
    """两个独立的源：正弦波与方波，各自标准化。"""
    t = np.linspace(0, 8, n)
    s = np.column_stack([np.sin(5 * t), np.sign(np.sin(1.7 * t + 0.5))])
    return t, (s - s.mean(axis=0)) / s.std(axis=0)


def match_sources(S_true, S_est):
    """按 |相关系数| 把估计出的分量与真实源配对，返回配对顺序和相关系数（已校正符号）。"""
    k = S_true.shape[1]
    corr = np.corrcoef(S_true.T, S_est.T)[:k, k:]
    order = np.abs(corr).argmax(axis=1)
    return order, np.abs(corr[np.arange(k), order])


def permutation_score(P):
    """每一行里绝对值最大的元素占该行绝对值之和的比例；置换 × 缩放矩阵的得分为 1。"""
    P = np.abs(P)
    return P.max(axis=1) / P.sum(axis=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=2000, help="采样点数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("--n 至少为 10")

    rng = np.random.default_rng(args.seed)
    t, S = make_sources(args.n)
    X = S @ MIXING.T + 0.02 * rng.normal(size=S.shape)     # 每一行 x = A s + 噪声
    ica = FastICA(n_components=2, whiten="unit-variance", random_state=args.seed)
    S_est = ica.fit_transform(X)
    order, corr = match_sources(S, S_est)
    print(f"源1(正弦)与恢复信号的相关系数: {corr[0]:.4f}")
    print(f"源2(方波)与恢复信号的相关系数: {corr[1]:.4f}")
    print(f"混合信号与源的最大相关系数: {np.abs(np.corrcoef(S.T, X.T)[:2, 2:]).max():.4f}")
    print(f"W·A的置换得分: {permutation_score(ica.components_ @ MIXING).min():.4f}")

    fig, axes = plt.subplots(3, 1, figsize=(9, 6), sharex=True)
    show = t < 4
    for j, name in enumerate(["正弦波", "方波"]):
        axes[0].plot(t[show], S[show, j] + 3 * j, label=name)
        axes[1].plot(t[show], X[show, j] + 4 * j, label=f"观测 {j + 1}")
        est = S_est[:, order[j]]
        est = est * np.sign(np.corrcoef(est, S[:, j])[0, 1]) / est.std()
        axes[2].plot(t[show], est[show] + 3 * j, label=f"恢复的分量 {order[j] + 1}")
    for ax, title in zip(axes, ["源信号 s (互相独立)", "观测 x = A s (两路混合)", "FastICA 恢复的 ŝ = W x"]):
        ax.set_title(title)
        ax.set_yticks([])
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    axes[2].set_xlabel("时间 t")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
