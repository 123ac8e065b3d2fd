# env: main
"""训练集、验证集与测试集的划分，以及 k 折交叉验证的示意图。

先打乱样本序号，留出一部分作测试集（最后只用一次）；其余的要么再分出一份验证集
（留出法），要么分成 k 份轮流做验证（k 折交叉验证）。图中每一格的位置都由实际的划分算出，
程序检查每一折的验证集互不重叠、合起来正好是全部非测试样本。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from mmdl.cli import nonnegative_int, positive_int

COLORS = {"训练": "#5dade2", "验证": "#f5b041", "测试": "#95a5a6"}


def split(n, test_frac, val_frac, k, seed):
    """返回 (测试集序号, 留出法的 (训练, 验证), k 折的 [(训练, 验证), ...])。"""
    idx = np.random.default_rng(seed).permutation(n)
    n_test = round(n * test_frac)
    test, rest = idx[:n_test], idx[n_test:]
    n_val = round(n * val_frac)
    holdout = (rest[n_val:], rest[:n_val])
    folds = np.array_split(rest, k)
    kfold = [(np.concatenate(folds[:i] + folds[i + 1:]), folds[i]) for i in range(k)]
    return test, holdout, kfold


def draw_row(ax, y, label, blocks, name_train=True):
    """在纵坐标 y 画一行：blocks 是 [(集合名, 起点, 样本数), ...]，后画的盖住先画的。"""
    for name, left, width in blocks:
        ax.barh(y, width, left=left, color=COLORS[name], edgecolor="white", height=0.7)
        if name != "训练" or name_train:
            ax.text(left + width / 2, y, f"{name} {width}", ha="center", va="center", fontsize=9)
    ax.text(-2, y, label, ha="right", va="center", fontsize=10)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=100, help="样本数")
    parser.add_argument("--k", type=positive_int, default=5, help="交叉验证的折数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="打乱顺序的随机种子")
    args = parser.parse_args(argv)
    if args.k < 2 or args.n < 5 * args.k:
        parser.error("需要 k ≥ 2 且样本数至少是 5k")

    test, (train, val), kfold = split(args.n, 0.2, 0.2, args.k, args.seed)
    print(f"测试集 {len(test)} 个，留出法：训练 {len(train)} 个、验证 {len(val)} 个")
    vals = np.concatenate([v for _, v in kfold])
    rest = np.setdiff1d(np.arange(args.n), test)
    print(f"{args.k} 折的验证集互不重叠且合起来是全部非测试样本: "
          f"{len(vals) == len(np.unique(vals)) and np.array_equal(np.sort(vals), rest)}")

    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.55 * (args.k + 2)))
    n_rest, n_test = args.n - len(test), len(test)
    draw_row(ax, 0, "留出法", [("训练", 0, len(train)), ("验证", len(train), len(val)), ("测试", n_rest, n_test)])
    left = 0
    for i, (_, va) in enumerate(kfold):   # 第 i 折的验证集是打乱后的第 i 段
        draw_row(ax, -1.6 - i, f"第 {i + 1} 折",
                 [("训练", 0, n_rest), ("验证", left, len(va)), ("测试", n_rest, n_test)], name_train=False)
        left += len(va)
    ax.text(n_rest / 2, -0.8, f"{args.k} 折交叉验证：每一折轮流做验证集，其余训练；取 {args.k} 次验证误差的平均",
            ha="center", va="center", fontsize=9, color="#34495e")
    ax.set_xlim(-16, args.n + 1)
    ax.set_ylim(-args.k - 1.2, 0.6)
    ax.set_axis_off()
    ax.legend(handles=[Patch(color=c, label=f"{name}集") for name, c in COLORS.items()],
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False)
    ax.set_title(f"{args.n} 个样本的划分（测试集始终留出，只在最后用一次）")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
