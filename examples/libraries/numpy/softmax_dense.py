# env: main
"""从零实现：全连接层前向传播、数值稳定的 softmax 与交叉熵。

全连接层 Y = XW + b 中，X 是 (批量, 输入维)，W 是 (输入维, 输出维)，偏置 b 的形状
(输出维,) 靠广播加到每一行。softmax 先减去每行最大值再取指数：结果不变，但指数的
参数都不大于 0，不会上溢。交叉熵用 log-softmax 直接计算，避免对 0 取对数。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def dense(x, w, b):
    """全连接层：(B, d_in) @ (d_in, d_out) + (d_out,) -> (B, d_out)。"""
    return x @ w + b


def relu(z):
    return np.maximum(z, 0.0)


def softmax_naive(z):
    """直接按定义计算；logits 很大时 exp 上溢为 inf，结果变成 nan。"""
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def softmax(z):
    """数值稳定的 softmax：softmax(z) = softmax(z - max(z))。"""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z):
    """log softmax(z) = (z - m) - log Σ exp(z - m)，m 为每行最大值。"""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(logits, labels):
    """平均交叉熵 -mean(log p[i, y_i])；用整数数组索引取出每个样本真实类别的对数概率。"""
    logp = log_softmax(logits)
    return float(-logp[np.arange(len(labels)), labels].mean())


def mlp_forward(x, params):
    """两层网络：ReLU(X W1 + b1) W2 + b2，返回 logits。"""
    h = relu(dense(x, params["w1"], params["b1"]))
    return dense(h, params["w2"], params["b2"])


def init_params(rng, d_in, d_hidden, d_out, scale):
    return {
        "w1": rng.normal(scale=scale, size=(d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "w2": rng.normal(scale=scale, size=(d_hidden, d_out)),
        "b2": np.zeros(d_out),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=positive_int, default=64, help="批量大小")
    parser.add_argument("--classes", type=positive_int, default=10, help="类别数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    print("== softmax 的数值稳定性 ==")
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        print("朴素 softmax:\n", softmax_naive(z), sep="")
    print("稳定 softmax:\n", softmax(z), sep="")
    print(f"平移不变性 max|softmax(z) - softmax(z + 100)|: {np.abs(softmax(z) - softmax(z + 100)).max():.1e}")

    print("\n== 两层网络的前向传播 ==")
    d_in, d_hidden = 20, 32
    x = rng.normal(size=(args.batch, d_in))
    y = rng.integers(0, args.classes, size=args.batch)
    params = init_params(rng, d_in, d_hidden, args.classes, scale=0.01)
    h = dense(x, params["w1"], params["b1"])
    print("X:", x.shape, " W1:", params["w1"].shape, " b1:", params["b1"].shape, " -> H:", h.shape)
    logits = mlp_forward(x, params)
    p = softmax(logits)
    print("logits:", logits.shape, " 概率:", p.shape)
    print(f"每行概率之和与 1 的最大偏差: {np.abs(p.sum(axis=1) - 1).max():.1e}")
    loss = cross_entropy(logits, y)
    # 权重很小时 logits ≈ 0，softmax 接近均匀分布，交叉熵 ≈ log(类别数)
    print(f"初始交叉熵: {loss:.4f}")
    print(f"log(类别数): {np.log(args.classes):.4f}")
    print(f"预测类别的前 10 个: {p.argmax(axis=1)[:10]}")


if __name__ == "__main__":
    main()
