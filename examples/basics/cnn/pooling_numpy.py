# env: main
"""最大池化与平均池化：前向与反向，从零实现。

池化窗口 k×k 以步幅 s 滑过每个通道（各通道互不相干，没有参数）：
  最大池化  Y[n, c, i, j] = max_{u,v} X[n, c, i·s + u, j·s + v]
  平均池化  Y[n, c, i, j] = (1/k²) Σ_{u,v} X[n, c, i·s + u, j·s + v]
反向时，最大池化把 ∂L/∂Y 整个交给窗口里取到最大值的那个位置，平均池化平均分给窗口里的 k² 个位置；
窗口重叠（s < k）时，一个输入位置从多个窗口收到的梯度相加。窗口里有几个相同的最大值时只交给第一个；
示例最后在“卷积 → 池化”的数字图片上说明，把梯度交给每个并列的最大值会算错偏置的梯度。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from mmdl.cli import nonnegative_int
from mmdl.data import load_digits_split


def windows(X, k, stride):
    """(N, C, Ho, Wo, k·k)：每个池化窗口展平成最后一维（视图）。"""
    win = sliding_window_view(X, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    return win.reshape(*win.shape[:4], k * k)


def pool_forward(X, k=2, stride=2, mode="max"):
    win = windows(X, k, stride)
    return win.max(axis=-1) if mode == "max" else win.mean(axis=-1)


def pool_backward(G, X, k=2, stride=2, mode="max"):
    """已知 G = ∂L/∂Y，返回 ∂L/∂X。最大值并列时取窗口里按行优先的第一个。"""
    win = windows(X, k, stride)
    if mode == "max":
        share = np.zeros(win.shape)
        np.put_along_axis(share, win.argmax(axis=-1)[..., None], 1.0, axis=-1)
    else:
        share = np.full(win.shape, 1.0 / (k * k))
    share = share * G[..., None]                   # 每个窗口分到输入各位置的梯度
    dX = np.zeros_like(X, dtype=share.dtype)
    Ho, Wo = G.shape[2:]
    for u in range(k):
        for v in range(k):
            dX[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride] += share[..., u * k + v]
    return dX


def ties_matter(img, rng):
    """卷积 → 最大池化（激活放在池化之后）：背景处的卷积输出都等于偏置 b，窗口里的最大值全部并列。
    L = Σ 池化输出；返回 (窗口数, 最大值并列的窗口数, ∂L/∂b 的中心差分, 只给第一个, 给每个并列的最大值)。"""
    K = rng.normal(size=(3, 3))
    conv = lambda b: np.einsum("nchwuv,uv->nchw",                   # noqa: E731
                               sliding_window_view(np.pad(img, ((0, 0), (0, 0), (1, 1), (1, 1))),
                                                   (3, 3), axis=(2, 3)), K) + b
    Z = conv(0.1)
    G = np.ones_like(pool_forward(Z, 2, 2))
    win = windows(Z, 2, 2)
    tied = int(((win == win.max(axis=-1, keepdims=True)).sum(axis=-1) > 1).sum())
    loss = lambda b: pool_forward(conv(b), 2, 2).sum()            # noqa: E731
    numeric = (loss(0.1 + 1e-6) - loss(0.1 - 1e-6)) / 2e-6
    first = pool_backward(G, Z, 2, 2).sum()                         # ∂L/∂b = Σ ∂L/∂Z
    every = (win == win.max(axis=-1, keepdims=True)).sum()          # 每个并列的最大值都拿一份
    return G.size, tied, numeric, first, float(every)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X = np.array([[1, 3, 2, 0], [4, 6, 5, 1], [7, 2, 9, 8], [0, 1, 3, 4]], dtype=float).reshape(1, 1, 4, 4)
    G = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 1, 2, 2)
    print("输入:\n", X[0, 0])
    for mode, name in (("max", "最大池化"), ("avg", "平均池化")):
        print(f"{name}（2×2，步幅 2）:\n", pool_forward(X, 2, 2, mode)[0, 0])
        print(f"{name}的反向（上游梯度 [[1, 2], [3, 4]]）:\n", pool_backward(G, X, 2, 2, mode)[0, 0])
    Y = pool_forward(X, 3, 1, "max")
    print("3×3、步幅 1 的最大池化（窗口重叠）:\n", Y[0, 0])
    print("它的反向（上游梯度全为 1）:\n", pool_backward(np.ones_like(Y), X, 3, 1, "max")[0, 0])

    img = load_digits_split(scale="unit", seed=args.seed)[0][:1].reshape(1, 1, 8, 8)
    n_win, tied, numeric, first, every = ties_matter(img, np.random.default_rng(args.seed))
    print(f"卷积 → 最大池化（2×2，步幅 2）：{n_win} 个窗口中有 {tied} 个的最大值并列（背景处都等于偏置 b）")
    print(f"∂L/∂b：中心差分 {numeric:.4f}，只给第一个 {first:.4f}，给每个并列的 {every:.4f}")
    fig, axes = plt.subplots(1, 3, figsize=(7.5, 2.8))
    for ax, im, title in zip(axes, (img[0, 0], pool_forward(img, 2, 2)[0, 0],
                                    pool_forward(img, 2, 2, "avg")[0, 0]),
                             ("原图 8×8", "最大池化 4×4", "平均池化 4×4")):
        ax.imshow(im, cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    plt.show()


if __name__ == "__main__":
    main()
