# env: main
"""梯度消失：sigmoid 与 ReLU 在深层网络里回传的梯度。

反向传播时，第 1 层收到的梯度包含各层激活函数导数的连乘。sigmoid 的导数最大只有
σ'(0) = 1/4，连乘 L 层至多 (1/4)^L；ReLU 在激活区的导数恒为 1，不会因为层数而衰减。
这里搭一个每层 64 个单元的全连接网络（Xavier / He 初始化），用 NumPy 手写反向传播，
比较各层权重梯度的范数。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def layer_grad_norms(act, depth, width, rng, batch=128):
    """前向传播 depth 层，再把全 1 的梯度从输出回传，返回每层权重梯度的范数。"""
    if act == "sigmoid":
        f, df, scale = sigmoid, lambda a: a * (1 - a), np.sqrt(1 / width)   # Xavier
    else:
        f, df, scale = (lambda z: np.maximum(z, 0)), (lambda a: (a > 0).astype(float)), np.sqrt(2 / width)  # He
    h = rng.standard_normal((batch, width))
    weights, inputs, outs = [], [], []
    for _ in range(depth):
        w = rng.standard_normal((width, width)) * scale
        inputs.append(h)
        h = f(h @ w)
        weights.append(w)
        outs.append(h)
    grad = np.ones_like(h) / batch
    norms = []
    for w, x, a in zip(reversed(weights), reversed(inputs), reversed(outs)):
        delta = grad * df(a)
        norms.append(np.linalg.norm(x.T @ delta))
        grad = delta @ w.T
    return norms[::-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=positive_int, default=20, help="网络层数")
    parser.add_argument("--width", type=positive_int, default=64, help="每层单元数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    x = np.linspace(-6, 6, 1201)
    s = sigmoid(x)
    print(f"sigmoid 导数的最大值: {np.max(s * (1 - s)):.4f}")
    print(f"(1/4)^{args.depth} = {0.25 ** args.depth:.3e}")
    results = {}
    for act in ("sigmoid", "relu"):
        norms = layer_grad_norms(act, args.depth, args.width, np.random.default_rng(args.seed))
        results[act] = norms
        print(f"{act}: 第 1 层梯度范数 / 第 {args.depth} 层梯度范数: {norms[0] / norms[-1]:.3e}")

    fig, ax = plt.subplots()
    for act, norms in results.items():
        ax.semilogy(range(1, args.depth + 1), norms, "o-", label=act)
    ax.set_xlabel("层（1 = 最靠近输入）")
    ax.set_ylabel("权重梯度的范数（对数坐标）")
    ax.set_title(f"{args.depth} 层全连接网络中各层的梯度")
    ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
