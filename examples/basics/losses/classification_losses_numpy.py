# env: main
"""分类损失：二元与多类交叉熵（直接从 logits 计算）、hinge 与 KL 散度的 NumPy 实现。

交叉熵都从 logits（未归一化的分数）出发：二元用 softplus，多类用 log-sum-exp，
任何实数输入都不会溢出。图中把二分类损失画成间隔 m = y·f（y ∈ {−1, +1}）的函数，
与 0-1 损失对比。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_int


def softplus(z):
    """log(1 + e^z) = max(z, 0) + log(1 + e^{−|z|})：指数的参数永远 ≤ 0。"""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid(z):
    return np.exp(-softplus(-z))


def log_softmax(z):
    """z − logsumexp(z)，先减去每行最大值再取指数。"""
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def bce_with_logits(y, z):
    """二元交叉熵，y ∈ {0, 1}：−[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y·z。"""
    return np.mean(softplus(z) - y * z)


def softmax_cross_entropy(labels, z):
    """多类交叉熵，labels 是类别下标：−log softmax(z)[label] 的批平均。"""
    return -np.mean(log_softmax(z)[np.arange(len(labels)), labels])


def soft_cross_entropy(p, z):
    """目标是一个分布 p（软标签）时的交叉熵 H(p, softmax(z)) = −Σ p log softmax(z)。"""
    return -np.mean(np.sum(p * log_softmax(z), axis=-1))


def entropy(p):
    """H(p) = −Σ p log p，对批取平均；约定 0·log 0 = 0。"""
    return -np.mean(np.sum(p * np.log(np.where(p > 0, p, 1.0)), axis=-1))


def hinge(y, f):
    """y ∈ {−1, +1}：max(0, 1 − y·f) 的平均。"""
    return np.mean(np.maximum(0.0, 1.0 - y * f))


def kl_divergence(p, q):
    """KL(p‖q) = Σ p log(p/q)，对每个样本求和、对批取平均；约定 0·log 0 = 0。"""
    terms = np.where(p > 0, p * (np.log(np.where(p > 0, p, 1.0)) - np.log(q)), 0.0)
    return np.mean(np.sum(terms, axis=-1))


# 对 logits / 输出的梯度（含批平均的 1/N）
def bce_grad(y, z):
    return (sigmoid(z) - y) / np.size(z)


def softmax_cross_entropy_grad(labels, z):
    return (np.exp(log_softmax(z)) - np.eye(z.shape[1])[labels]) / len(z)


def hinge_grad(y, f):
    return np.where(y * f < 1, -y, 0.0) / np.size(f)


def kl_grad_logits(p, z):
    """KL(p‖softmax(z)) 对 logits z 的梯度：(softmax(z) − p)/N（p 每行和为 1）。"""
    return (np.exp(log_softmax(z)) - p) / len(z)


def make_batch(n=8, k=5, seed=0):
    """一批分类数据；三个框架的示例用同一个种子得到同样的数。"""
    rng = np.random.default_rng(seed)
    z_bin = 3 * rng.normal(size=n)                # 二分类 logits
    y_bin = rng.integers(0, 2, size=n)            # 0/1 标签
    z = 3 * rng.normal(size=(n, k))               # 多分类 logits
    labels = rng.integers(0, k, size=n)           # 类别下标
    p = np.exp(log_softmax(rng.normal(size=(n, k))))  # 目标分布（KL 用）
    return z_bin, y_bin.astype(float), z, labels, p


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=8, help="批大小")
    args = parser.parse_args(argv)
    z_bin, y_bin, z, labels, p = make_batch(args.n)
    print(f"二元交叉熵: {bce_with_logits(y_bin, z_bin):.6f}")
    print(f"多类交叉熵: {softmax_cross_entropy(labels, z):.6f}")
    print(f"Hinge 损失: {hinge(2 * y_bin - 1, z_bin):.6f}")
    print(f"KL 散度: {kl_divergence(p, np.exp(log_softmax(z))):.6f}")
    print(f"软标签交叉熵: {soft_cross_entropy(p, z):.6f}")
    print(f"目标分布的熵: {entropy(p):.6f}")

    m = np.linspace(-3, 3, 601)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    ax1.plot(m, (m <= 0).astype(float), "k", lw=1, label="0-1 损失")
    ax1.plot(m, np.maximum(0, 1 - m), label=r"hinge  $\max(0,\,1-m)$")
    ax1.plot(m, softplus(-m), label=r"logistic  $\log(1+e^{-m})$")
    ax1.plot(m, softplus(-m) / np.log(2), "--", label=r"logistic / $\ln 2$")
    ax1.set(xlabel="间隔 m = y·f(x)", ylabel="损失", ylim=(0, 4), title="二分类损失与 0-1 损失")
    ax1.legend()
    q = np.linspace(0.005, 0.995, 300)  # 两类分布 (q, 1−q) 与目标 (0.3, 0.7)
    target = np.array([0.3, 0.7])
    qs = np.stack([q, 1 - q], axis=1)
    kl = [kl_divergence(target[None], row[None]) for row in qs]
    ce = [soft_cross_entropy(target[None], np.log(row)[None]) for row in qs]
    ax2.plot(q, ce, label="交叉熵 H(p, q)")
    ax2.plot(q, kl, label="KL(p‖q)")
    ax2.axvline(0.3, color="0.5", ls=":")
    ax2.set(xlabel="预测分布的第一项 q₁", ylabel="值", ylim=(0, 3),
            title="目标 p = (0.3, 0.7)：H(p, q) = H(p) + KL(p‖q)")
    ax2.legend()
    plt.show()


if __name__ == "__main__":
    main()
