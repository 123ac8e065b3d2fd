# env: main
"""卷积层后的批量归一化：每个通道一组统计量（对 N×H×W 求），前向、反向从零实现并用中心差分核对。

再看它对批量大小的依赖：批量越小，批量统计量越不准，训练模式与推理模式的输出差得越多；
特征图只有 1×1、批量为 1 时，方差为 0，输出恒等于 β，梯度全为 0。
层归一化与组归一化对每个样本单独求统计量，结果与批量里还有谁无关。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, positive_int

AXES = (0, 2, 3)                        # NCHW：对批量、高、宽求统计量，每个通道一组


def bn_forward(X, gamma, beta, eps=1e-5):
    """训练模式：返回输出与反向要用的缓存。gamma、beta 的形状是 (C,)。"""
    mu, var = X.mean(axis=AXES, keepdims=True), X.var(axis=AXES, keepdims=True)
    inv_std = 1 / np.sqrt(var + eps)
    Xhat = (X - mu) * inv_std
    return gamma[:, None, None] * Xhat + beta[:, None, None], (Xhat, inv_std, gamma, mu, var)


def bn_backward(G, cache):
    """G = ∂L/∂Y；返回 (∂L/∂X, ∂L/∂γ, ∂L/∂β)。m = N·H·W 是每个通道参与统计的元素数。"""
    Xhat, inv_std, gamma, _, _ = cache
    m = G.size // G.shape[1]
    dgamma, dbeta = (G * Xhat).sum(axis=AXES), G.sum(axis=AXES)
    dX = (gamma[:, None, None] * inv_std / m
          * (m * G - dbeta[:, None, None] - Xhat * dgamma[:, None, None]))
    return dX, dgamma, dbeta


def bn_inference(X, gamma, beta, mean, var, eps=1e-5):
    return gamma[:, None, None] * (X - mean[:, None, None]) / np.sqrt(var[:, None, None] + eps) + beta[:, None, None]


def group_norm(X, gamma, beta, groups, eps=1e-5):
    """组归一化：每个样本的通道分成 groups 组，每组对 (C/groups)×H×W 求统计量。groups=1 即层归一化。"""
    N, C, H, W = X.shape
    Xg = X.reshape(N, groups, C // groups, H, W)
    mu, var = Xg.mean(axis=(2, 3, 4), keepdims=True), Xg.var(axis=(2, 3, 4), keepdims=True)
    Xhat = ((Xg - mu) / np.sqrt(var + eps)).reshape(X.shape)
    return gamma[:, None, None] * Xhat + beta[:, None, None]


def numeric_grad(f, A, h=1e-6):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        old = A[i]
        A[i] = old + h
        up = f()
        A[i] = old - h
        g[i] = (up - f()) / (2 * h)
        A[i] = old
    return g


def rel_err(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def batch_size_effect(rng, sizes, side=4, C=8, trials=200):
    """每个通道的“总体”是 N(μ_c, σ_c²)；训练模式（批量统计量）与推理模式（总体统计量）输出的平均差。"""
    mu_c, sd_c = rng.normal(0, 2, C), rng.uniform(0.5, 3, C)
    one, zero = np.ones(C), np.zeros(C)
    out = {}
    for n in sizes:
        diffs = []
        for _ in range(trials):
            X = mu_c[:, None, None] + sd_c[:, None, None] * rng.normal(size=(n, C, side, side))
            train = bn_forward(X, one, zero)[0]
            diffs.append(np.abs(train - bn_inference(X, one, zero, mu_c, sd_c ** 2)).mean())
        out[n] = float(np.mean(diffs))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=positive_int, default=4, help="核对梯度用的批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X = rng.normal(3, 2, size=(args.batch_size, 3, 5, 5))
    gamma, beta, R = rng.uniform(0.5, 2, 3), rng.normal(size=3), rng.normal(size=X.shape)
    Y, cache = bn_forward(X, gamma, beta)
    print("每个通道的批量均值:", np.round(cache[3].ravel(), 4), " 方差:", np.round(cache[4].ravel(), 4))
    Z = (Y - beta[:, None, None]) / gamma[:, None, None]
    print(f"(Y-β)/γ 每个通道的均值的最大绝对值: {np.abs(Z.mean(axis=AXES)).max():.1e}，标准差:",
          np.round(Z.std(axis=AXES), 4))
    print(f"参数个数: γ 与 β 各 {gamma.size} 个（每个通道一个），与特征图大小无关")
    dX, dgamma, dbeta = bn_backward(R, cache)            # L = Σ R ⊙ Y，于是 ∂L/∂Y = R
    loss = lambda: float((R * bn_forward(X, gamma, beta)[0]).sum())
    for name, grad, param in (("X", dX, X), ("γ", dgamma, gamma), ("β", dbeta, beta)):
        print(f"∂L/∂{name} 与中心差分的相对误差: {rel_err(grad, numeric_grad(loss, param)):.1e}")
    print(f"每个通道 ∂L/∂X 之和（应为 0）: {np.abs(dX.sum(axis=AXES)).max():.1e}")

    print("\n批量大小  训练与推理输出的平均差（4×4 特征图）")
    for n, d in batch_size_effect(rng, [1, 2, 4, 16, 64]).items():
        print(f"{n:8d}  {d:.4f}")
    x1 = rng.normal(size=(1, 3, 1, 1))                     # 全局池化之后：1×1 特征图、批量为 1
    y1, cache1 = bn_forward(x1, gamma, beta)
    print("\n1×1 特征图、批量为 1：输出", np.round(y1.ravel(), 4), "= β", np.round(beta, 4),
          f"，∂L/∂X 的最大绝对值: {np.abs(bn_backward(np.ones_like(y1), cache1)[0]).max():.1e}")

    batch = rng.normal(size=(8, 4, 3, 3))
    g4, b4 = np.ones(4), np.zeros(4)
    for name, f in (("批量归一化", lambda A: bn_forward(A, g4, b4)[0]),
                    ("层归一化", lambda A: group_norm(A, g4, b4, 1)),
                    ("组归一化（2 组）", lambda A: group_norm(A, g4, b4, 2))):
        alone, together = f(batch[:1]), f(batch)[:1]
        print(f"{name}：第一个样本单独计算与在批量中计算的最大差: {np.abs(alone - together).max():.1e}")


if __name__ == "__main__":
    main()
