# env: main
"""卷积层的反向传播：手写对输入、卷积核与偏置的梯度，并用中心差分检验。

把卷积写成 kh×kw 个“平移后的矩阵乘法”之和：对卷积核的每个位置 (u, v)，
输出 Y 从填充后的输入 X̃ 中按步幅取出一片，与 W[:, :, u, v] 相乘。反向传播逐项求导：
  ∂L/∂b[f] = Σ_{n,i,j} G[n, f, i, j]
  ∂L/∂W[f, c, u, v] = Σ_{n,i,j} G[n, f, i, j] · X̃[n, c, i·s + u, j·s + v]
  ∂L/∂X̃[n, c, i·s + u, j·s + v] += Σ_f G[n, f, i, j] · W[f, c, u, v]
其中 G = ∂L/∂Y。最后去掉填充部分就是 ∂L/∂X。步幅为 1、输入四边各补 p₁ 行/列时，∂L/∂X 等于把 G
四边各补 k−1−p₁ 个 0，与“旋转 180°、交换输入/输出通道”的卷积核再做一次卷积。
示例还数出一次前向与一次反向的乘加次数：∂L/∂W 与 ∂L/∂X 各与前向一样多，反向约为前向的两倍。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int

MADDS = {}  # 每种计算做了多少次乘加：每次 einsum 的乘加次数 = 式中全部下标的长度之积


def einsum(kind, spec, *ops):
    """np.einsum，并把这次的乘加次数记到 MADDS[kind] 上。"""
    sizes = {c: n for s, op in zip(spec.split("->")[0].split(","), ops) for c, n in zip(s, op.shape)}
    MADDS[kind] = MADDS.get(kind, 0) + int(np.prod(list(sizes.values())))
    return np.einsum(spec, *ops)


def conv2d_forward(X, W, b, stride=1, pad=0):
    """Y = b + Σ_{u,v} X̃[:, :, u::s, v::s]（取 Ho×Wo 片）与 W[:, :, u, v] 的通道矩阵乘。"""
    Xp = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    F, _, kh, kw = W.shape
    Ho, Wo = (Xp.shape[2] - kh) // stride + 1, (Xp.shape[3] - kw) // stride + 1
    Y = np.zeros((X.shape[0], F, Ho, Wo)) + b[:, None, None]
    for u in range(kh):
        for v in range(kw):
            patch = Xp[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride]
            Y += einsum("前向", "nchw,fc->nfhw", patch, W[:, :, u, v])
    return Y


def conv2d_backward(G, X, W, stride=1, pad=0):
    """已知 G = ∂L/∂Y，返回 (∂L/∂X, ∂L/∂W, ∂L/∂b)。"""
    Xp = np.pad(X, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    _, _, kh, kw = W.shape
    Ho, Wo = G.shape[2:]
    dXp, dW = np.zeros_like(Xp), np.zeros_like(W)
    for u in range(kh):
        for v in range(kw):
            patch = Xp[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride]
            dW[:, :, u, v] = einsum("∂L/∂W", "nfhw,nchw->fc", G, patch)
            dXp[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride] += einsum("∂L/∂X", "nfhw,fc->nchw", G,
                                                                                    W[:, :, u, v])
    dX = dXp[:, :, pad:Xp.shape[2] - pad, pad:Xp.shape[3] - pad]
    return dX, dW, G.sum(axis=(0, 2, 3))


def input_grad_as_convolution(G, W, pad=0):
    """步幅 1、输入四边各补 pad：∂L/∂X = 把 G 四边各补 k−1−pad 个 0，与旋转 180°、交换通道的卷积核做卷积。"""
    k = W.shape[2]
    W_rot = W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)
    return conv2d_forward(G, W_rot, np.zeros(W.shape[1]), 1, k - 1 - pad)


def numerical_grad(f, A, h=1e-6):
    """中心差分：逐个元素扰动 ±h。"""
    grad = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]
        A[idx] = old + h
        plus = f()
        A[idx] = old - h
        minus = f()
        A[idx] = old
        grad[idx] = (plus - minus) / (2 * h)
    return grad


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖)：整体的相对误差，不会被个别接近 0 的分量放大。"""
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X = rng.normal(size=(2, 3, 7, 7))
    W, b = rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    for stride, pad in ((1, 1), (2, 0), (2, 1)):
        Y = conv2d_forward(X, W, b, stride, pad)
        R = rng.normal(size=Y.shape)                  # L = Σ R ⊙ Y，于是 G = ∂L/∂Y = R
        dX, dW, db = conv2d_backward(R, X, W, stride, pad)
        loss = lambda: np.sum(R * conv2d_forward(X, W, b, stride, pad))  # noqa: E731, B023
        errs = [relative_error(g, numerical_grad(loss, A)) for g, A in ((dX, X), (dW, W), (db, b))]
        print(f"步幅 {stride}、四边各补 {pad}：输出 {Y.shape}，"
              f"三个梯度与中心差分的最大相对误差: {max(errs):.1e}")

    MADDS.clear()                                      # 数一次前向与一次反向的乘加（步幅 1、四边各补 1）
    conv2d_backward(rng.normal(size=conv2d_forward(X, W, b, 1, 1).shape), X, W, 1, 1)
    fwd = MADDS["前向"]
    print(f"乘加次数：前向 {fwd}，∂L/∂W {MADDS['∂L/∂W']}，∂L/∂X {MADDS['∂L/∂X']}；"
          f"反向 ÷ 前向 = {(MADDS['∂L/∂W'] + MADDS['∂L/∂X']) / fwd:.2f}")

    k = W.shape[2]
    for pad in (0, 1):                                 # 不填充；3×3 的 "same"（四边各补 1）
        G = rng.normal(size=conv2d_forward(X, W, b, 1, pad).shape)
        dX = conv2d_backward(G, X, W, 1, pad)[0]
        diff = np.abs(dX - input_grad_as_convolution(G, W, pad)).max()
        print(f"步幅 1、四边各补 {pad}：G 四边各补 k−1−{pad} = {k - 1 - pad} 个 0，"
              f"∂L/∂X 与“旋转卷积核再卷积”的最大差: {diff:.1e}")


if __name__ == "__main__":
    main()
