# env: main
"""反向传播的计算图：每个中间结果的前向值与反向梯度，画在图上。

网络与本章相同（tanh 隐藏层 + softmax 输出 + 交叉熵），但只有 2 个输入、2 个隐藏单元、2 个类别
和 1 个样本，小到每个数都能写在图上。前向逐个节点计算并保存，反向按本章推导的公式
δ2 = p − y、∂L/∂W2 = hᵀδ2、δ1 = (δ2 W2ᵀ) ⊙ (1 − h²)、∂L/∂W1 = xᵀδ1 从损失往回算；
程序再用中心差分核对每个梯度，图上的数都是这里算出来的。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int


def forward_backward(x, y, p):
    """返回 {节点名: (前向值, 损失对它的梯度)}。x: (1, 2)，y: 独热 (1, 2)，p: 参数字典。"""
    z1 = x @ p["W1"] + p["b1"]
    h = np.tanh(z1)
    z2 = h @ p["W2"] + p["b2"]
    prob = np.exp(z2 - z2.max()) / np.exp(z2 - z2.max()).sum()
    loss = -np.sum(y * np.log(prob))
    d_z2 = prob - y                          # 第一步：交叉熵对 logits 的梯度
    d_h = d_z2 @ p["W2"].T                   # 第二步：∂L/∂H = δ2 W2ᵀ
    d_z1 = d_h * (1 - h ** 2)                # 第三步：穿过 tanh
    return {"x": (x, d_z1 @ p["W1"].T), "W1": (p["W1"], x.T @ d_z1), "b1": (p["b1"], d_z1.sum(0)),
            "z1": (z1, d_z1), "h": (h, d_h), "W2": (p["W2"], h.T @ d_z2), "b2": (p["b2"], d_z2.sum(0)),
            "z2": (z2, d_z2), "p": (prob, None), "L": (np.array(loss), np.array(1.0))}


def loss_of(x, y, p):
    return float(forward_backward(x, y, p)["L"][0])


def max_gradient_error(x, y, p, h=1e-6):
    """四个参数的反向传播梯度与中心差分之差的最大值。"""
    nodes, worst = forward_backward(x, y, p), 0.0
    for name in ("W1", "b1", "W2", "b2"):
        for i in np.ndindex(p[name].shape):
            old = p[name][i]
            p[name][i] = old + h
            plus = loss_of(x, y, p)
            p[name][i] = old - h
            minus = loss_of(x, y, p)
            p[name][i] = old
            worst = max(worst, abs((plus - minus) / (2 * h) - nodes[name][1][i]))
    return worst


def fmt(a):
    a = np.atleast_2d(np.asarray(a, dtype=float))
    return "\n".join("[" + ", ".join(f"{v:6.3f}" for v in row) + "]" for row in a)


# 节点在图上的位置与标题
LAYOUT = {"x": (0.0, 1.0, "输入 x"), "z1": (2.0, 1.0, "z₁ = xW₁ + b₁"), "h": (4.0, 1.0, "h = tanh(z₁)"),
          "z2": (6.0, 1.0, "z₂ = hW₂ + b₂"), "p": (8.0, 1.0, "p = softmax(z₂)"), "L": (10.0, 1.0, "L = −Σ y log p"),
          "W1": (1.0, -0.55, "W₁"), "b1": (2.9, -0.55, "b₁"), "W2": (5.0, -0.55, "W₂"), "b2": (6.9, -0.55, "b₂"),
          "y": (9.0, -0.55, "标签 y（独热）")}
EDGES = [("x", "z1"), ("W1", "z1"), ("b1", "z1"), ("z1", "h"), ("h", "z2"), ("W2", "z2"), ("b2", "z2"),
         ("z2", "p"), ("p", "L"), ("y", "L")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=3, help="随机参数与样本的种子")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    p = {"W1": rng.normal(0, 1, (2, 2)), "b1": rng.normal(0, 0.5, 2),
         "W2": rng.normal(0, 1, (2, 2)), "b2": rng.normal(0, 0.5, 2)}
    x, y = rng.normal(0, 1, (1, 2)), np.array([[0.0, 1.0]])
    nodes = forward_backward(x, y, p)
    for name in LAYOUT:
        if name == "y":
            continue
        value, grad = nodes[name]
        shown = "（p 的梯度并入 δ₂ = p − y）" if grad is None else fmt(grad).replace("\n", " ")
        print(f"{name:>2}: 值 {fmt(value).replace(chr(10), ' ')}  梯度 {shown}")
    print(f"反向传播与中心差分的最大差: {max_gradient_error(x, y, p):.1e}")

    nodes["y"] = (y, None)
    half = {k: 0.04 * len(fmt(v[0]).splitlines()[0]) + 0.08 for k, v in nodes.items()}   # 方框半宽（估计）
    fig, ax = plt.subplots(figsize=(13, 5.2))
    for a, b in EDGES:
        (xa, ya, _), (xb, yb, _) = LAYOUT[a], LAYOUT[b]
        if ya == yb:   # 同一行：从方框右沿到方框左沿
            start, end = (xa + half[a], ya + 0.05), (xb - half[b], yb + 0.05)
        else:          # 参数、标签从下面的标题指向上面节点的梯度下方
            start, end = (xa, ya + 0.38), (xb + 0.25 * np.sign(xa - xb), yb - 0.45)
        ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="->", color="#555", lw=1.3))
    for name, (cx, cy, title) in LAYOUT.items():
        value, grad = nodes[name]
        ax.text(cx, cy + 0.3, title, ha="center", va="bottom", fontsize=12)
        ax.text(cx, cy + 0.05, fmt(value), ha="center", va="center", fontsize=10.5, color="#1f5fa8",
                family="DejaVu Sans Mono", bbox=dict(boxstyle="round", fc="#eef4fb", ec="#1f5fa8"))
        if grad is not None:
            ax.text(cx, cy - 0.38 if name in ("W1", "W2") else cy - 0.3, fmt(grad), ha="center", va="center",
                    fontsize=10.5, color="#b03a2e", family="DejaVu Sans Mono")
    ax.text(10.9, -1.1, "蓝框：前向传播的值    红字：反向传播的梯度 ∂L/∂(·)", ha="right", va="center", fontsize=10)
    ax.set_xlim(-0.9, 10.9)
    ax.set_ylim(-1.25, 1.6)
    ax.set_axis_off()
    ax.set_title("计算图：前向（沿箭头）算值，反向（逆箭头）传梯度", fontsize=13)
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
