# env: main
"""单层感知机学不会异或（XOR）：训练永不收敛，权重陷入循环。

XOR 的四个点不能被一条直线分开，所以不存在让四个样本全部分对的 w，
感知机规则会一直更新下去。样本按固定顺序出现时，训练过程是确定的：
只要某一轮结束时的权重与之前某一轮相同，之后就会原样重复，永远不会收敛。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_float, positive_int

# 输入 (x1, x2, 1)，目标 y = x1 XOR x2
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
Y = np.array([0, 1, 1, 0])


def step(z):
    """阈值激活函数。"""
    return (np.asarray(z) > 0).astype(int)


def run_epoch(w, X, Y, lr):
    """按固定顺序把每个样本看一遍，返回这一轮每次更新后的权重列表（不修改传入的 w）。"""
    w, trace = w.copy(), []
    for x, y in zip(X, Y):
        delta = y - step(w @ x)
        if delta:
            w = w + lr * delta * x
            trace.append(w)
    return trace


def train_perceptron(X, Y, lr=1.0, max_epochs=100):
    """与真值表示例相同的规则；另外记录每轮结束时的权重，用于发现循环。"""
    w = np.zeros(X.shape[1])
    errors, history = [], [w]
    for _ in range(max_epochs):
        trace = run_epoch(w, X, Y, lr)
        w = trace[-1] if trace else w
        errors.append(len(trace))
        history.append(w)
        if not trace:
            break
    return w, errors, history


def find_cycle(history):
    """返回第一次出现重复权重的 (较早轮数, 较晚轮数)，没有重复则返回 None。"""
    seen = {}
    for epoch, w in enumerate(history):
        key = tuple(np.round(w, 9))
        if key in seen:
            return seen[key], epoch
        seen[key] = epoch
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=1.0, help="学习率 η")
    parser.add_argument("--max-epochs", type=positive_int, default=100, help="最多训练的轮数")
    args = parser.parse_args(argv)

    w, errors, history = train_perceptron(X, Y, args.lr, args.max_epochs)
    converged = errors[-1] == 0
    cycle = find_cycle(history)
    print(f"收敛: {'是' if converged else '否'}")
    print(f"训练轮数: {len(errors)}")
    print(f"最后一轮的错误数: {errors[-1]}")
    print(f"最终训练准确率: {(step(X @ w) == Y).mean():.4f}")
    if cycle:
        print(f"权重循环: 第 {cycle[0]} 轮结束时的权重在第 {cycle[1]} 轮结束时再次出现")
        print(f"循环周期: {cycle[1] - cycle[0]}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot(range(1, len(errors) + 1), errors, ".-")
    ax1.set_ylim(-0.2, 4.2)
    ax1.set_yticks(range(5))
    ax1.set_xlabel("轮数")
    ax1.set_ylabel("这一轮分错的样本数")
    ax1.set_title(f"{len(errors)} 轮之后错误数仍不为 0")
    for label, marker in ((0, "o"), (1, "s")):
        pts = X[Y == label]
        ax2.scatter(pts[:, 0], pts[:, 1], marker=marker, s=120, label=f"y = {label}")
    grid = np.linspace(-0.5, 1.5, 2)
    for k, v in enumerate(run_epoch(w, X, Y, args.lr)):    # 再走一轮，画出每次更新后的边界
        label = "再训练一轮时的决策边界" if k == 0 else None
        if abs(v[1]) > 1e-12:
            ax2.plot(grid, -(v[0] * grid + v[2]) / v[1], "--", color="gray", label=label)
        elif abs(v[0]) > 1e-12:
            ax2.axvline(-v[2] / v[0], linestyle="--", color="gray", label=label)
    ax2.set_xlim(-0.5, 1.5)
    ax2.set_ylim(-0.5, 1.5)
    ax2.set_xlabel("x1")
    ax2.set_ylabel("x2")
    ax2.set_title("XOR：没有一条直线能把两类分开")
    ax2.legend(loc="center", fontsize=8)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
