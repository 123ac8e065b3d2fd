# env: main
"""批量归一化（batch normalization）从零实现：前向、反向与滑动平均。

训练时用当前小批量的均值 μ_B 与（有偏）方差 σ²_B 标准化每个特征：x̂ = (x − μ_B)/√(σ²_B + ε)，
再做 y = γ x̂ + β。同时维护滑动平均 running ← ρ·running + (1−ρ)·batch（ρ 即库里的 momentum），
推理时用它代替批量统计量。
反向传播要注意 μ_B、σ²_B 本身也依赖 x：
∂L/∂x = (γ / (m√(σ²_B+ε))) · (m·∂L/∂y − Σ∂L/∂y − x̂·Σ(∂L/∂y ⊙ x̂))，m 是批量大小。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def batchnorm_forward(x, gamma, beta, eps):
    """训练模式：返回 (y, 反向用的缓存, 批量均值, 批量方差)。方差除以批量大小 m（有偏）。"""
    mean, var = x.mean(axis=0), x.var(axis=0)
    inv_std = 1 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    return gamma * x_hat + beta, (x_hat, inv_std, gamma), mean, var


def batchnorm_backward(dy, cache):
    """返回 (∂L/∂x, ∂L/∂γ, ∂L/∂β)。"""
    x_hat, inv_std, gamma = cache
    n = len(dy)
    dgamma, dbeta = (dy * x_hat).sum(axis=0), dy.sum(axis=0)
    dx = gamma * inv_std / n * (n * dy - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta


def running_update(running, batch_stat, momentum):
    """Keras 与 MXNet 的约定：momentum 是旧值的权重。"""
    return momentum * running + (1 - momentum) * batch_stat


def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps):
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta


def train_steps(batches, gamma, beta, momentum, eps):
    """依次在训练模式下处理每个批量，返回 (各步输出, 滑动均值, 滑动方差)。初值为 0 与 1。"""
    running_mean, running_var = np.zeros(batches[0].shape[1]), np.ones(batches[0].shape[1])
    outputs = []
    for x in batches:
        y, _, mean, var = batchnorm_forward(x, gamma, beta, eps)
        running_mean = running_update(running_mean, mean, momentum)
        running_var = running_update(running_var, var, momentum)
        outputs.append(y)
    return outputs, running_mean, running_var


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=300, help="训练步数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.batch_size < 2:
        parser.error("--batch-size 至少为 2")
    rng = np.random.default_rng(args.seed)

    # 梯度检查：L = Σ w ⊙ y，与中心差分比较
    x = rng.normal(3, 2, size=(8, 5))
    gamma, beta, w = rng.normal(size=5), rng.normal(size=5), rng.normal(size=(8, 5))
    loss = lambda x, g, b: np.sum(w * batchnorm_forward(x, g, b, 1e-5)[0])   # noqa: E731
    dx, dgamma, dbeta = batchnorm_backward(w, batchnorm_forward(x, gamma, beta, 1e-5)[1])
    for name, arg, grad in (("x", 0, dx), ("γ", 1, dgamma), ("β", 2, dbeta)):
        params, numeric = [x, gamma, beta], np.zeros_like(grad)
        for i in np.ndindex(grad.shape):
            plus, minus = [p.copy() for p in params], [p.copy() for p in params]
            plus[arg][i] += 1e-6
            minus[arg][i] -= 1e-6
            numeric[i] = (loss(*plus) - loss(*minus)) / 2e-6
        print(f"∂L/∂{name} 与中心差分的最大差异: {np.abs(grad - numeric).max():.1e}")
    print(f"∂L/∂x 每列之和（应为 0）: {np.abs(dx.sum(axis=0)).max():.1e}")

    # 滑动平均：数据的真实均值 5、方差 4，看两种 momentum 下滑动均值追上来的速度
    batches = [rng.normal(5, 2, size=(args.batch_size, 1)) for _ in range(args.steps)]
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for momentum, label in ((0.9, "MXNet 默认 momentum=0.9"), (0.99, "Keras 默认 momentum=0.99")):
        means = []
        running_mean, running_var = np.zeros(1), np.ones(1)
        for t, xb in enumerate(batches, start=1):
            running_mean = running_update(running_mean, xb.mean(axis=0), momentum)
            running_var = running_update(running_var, xb.var(axis=0), momentum)
            means.append(running_mean[0])
        print(f"momentum={momentum}: {args.steps} 步后滑动均值 {means[-1]:.3f}, "
              f"100 步后 {means[min(99, args.steps - 1)]:.3f}（理论 5·(1-ρ^100) = {5 * (1 - momentum ** 100):.3f}）")
        # 滑动方差从 1 出发：期望 ρᵗ·1 + (1−ρᵗ)·(m−1)/m·4；各批方差有随机波动，
        # 正态样本的有偏方差的方差是 2σ⁴(m−1)/m²，经过滑动平均缩小为 (1−ρ)/(1+ρ)·(1−ρ^{2t}) 倍
        m, t = args.batch_size, args.steps
        expected = momentum ** t + (1 - momentum ** t) * (m - 1) / m * 4
        noise = np.sqrt(2 * 16 * (m - 1) / m ** 2 * (1 - momentum) / (1 + momentum) * (1 - momentum ** (2 * t)))
        print(f"  滑动方差 {running_var[0]:.3f}, 期望 {expected:.3f}, 批量噪声的标准差约 {noise:.2f}")
        ax.plot(np.arange(1, args.steps + 1), means, label=label)
    ax.axhline(5, color="gray", linestyle=":", label="真实均值")
    ax.set_xlabel("训练步数")
    ax.set_ylabel("滑动均值")
    ax.set_title("滑动均值从 0 出发追赶真实均值")
    ax.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
