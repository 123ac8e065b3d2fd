# env: main
# timing-output: 打印的耗时与加速比随机器与负载变化，其余输出每次相同
"""从零实现二维卷积（互相关）：步幅、填充、多输入/输出通道；循环版与 im2col 版。

布局取 NCHW：输入 X 的形状是 (批量, 通道, 高, 宽)，卷积核 W 是 (输出通道, 输入通道, kh, kw)。
循环版逐个输出位置取出窗口、与卷积核逐元素相乘再求和，最容易对照公式；
im2col 版先用 sliding_window_view 把所有窗口排成一个矩阵的行，整个卷积变成一次矩阵乘法。
两者结果相同，后者快得多。打印的耗时与加速比随机器和负载变化，每次运行略有不同。
"""
import argparse
import timeit

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from mmdl.cli import nonnegative_int, positive_int


def pad2d(X, padding):
    """padding 是整数 p（四边各补 p 行/列 0），或 (上, 下, 左, 右)。"""
    top, bottom, left, right = (padding,) * 4 if np.isscalar(padding) else padding
    return np.pad(X, ((0, 0), (0, 0), (top, bottom), (left, right)))


def output_size(n, k, stride=1, pad_total=0):
    """输出边长 ⌊(n + 两侧填充之和 − k) / s⌋ + 1。"""
    return (n + pad_total - k) // stride + 1


def same_padding(n, k, stride=1):
    """“same” 填充（TensorFlow 的约定）：输出边长 ⌈n/s⌉，多出的一行/列补在下方/右侧。"""
    out = -(-n // stride)
    total = max((out - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def conv2d_loop(X, W, b, stride=1, padding=0):
    """循环版：Y[n, f, i, j] = b[f] + Σ_c Σ_u Σ_v X̃[n, c, i·s + u, j·s + v] · W[f, c, u, v]。"""
    X = pad2d(X, padding)
    N, C, H, Wd = X.shape
    F, _, kh, kw = W.shape
    Ho, Wo = output_size(H, kh, stride), output_size(Wd, kw, stride)
    Y = np.empty((N, F, Ho, Wo), dtype=np.result_type(X, W))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    window = X[n, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    Y[n, f, i, j] = np.sum(window * W[f]) + b[f]
    return Y


def im2col(X, kh, kw, stride=1):
    """把每个 C×kh×kw 的窗口展平成一行：返回 (N·Ho·Wo, C·kh·kw) 的矩阵与 (Ho, Wo)。"""
    win = sliding_window_view(X, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]  # 视图，不复制
    N, C, Ho, Wo = win.shape[:4]
    return win.transpose(0, 2, 3, 1, 4, 5).reshape(N * Ho * Wo, C * kh * kw), (Ho, Wo)


def conv2d(X, W, b, stride=1, padding=0):
    """im2col 版：窗口矩阵乘以展平的卷积核 (C·kh·kw, F)，再加偏置、排回 NCHW。"""
    F, _, kh, kw = W.shape
    cols, (Ho, Wo) = im2col(pad2d(X, padding), kh, kw, stride)
    Y = cols @ W.reshape(F, -1).T + b
    return Y.reshape(X.shape[0], Ho, Wo, F).transpose(0, 3, 1, 2)


def best_time(func, *args, repeat=3, **kwargs):
    """多次运行取最短耗时（秒）。"""
    timer = timeit.Timer(lambda: func(*args, **kwargs))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=positive_int, default=8, help="计时用的批量大小")
    parser.add_argument("--size", type=positive_int, default=16, help="计时用的图像边长")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X = np.arange(9.0).reshape(1, 1, 3, 3)
    K = np.array([[0.0, 1.0], [2.0, 3.0]]).reshape(1, 1, 2, 2)
    print("3×3 输入与 2×2 卷积核的互相关:\n", conv2d_loop(X, K, np.zeros(1))[0, 0])

    print()
    for n, k, s, pad in [(8, 3, 1, (0, 0)), (8, 3, 1, (1, 1)), (8, 3, 2, (0, 0)), (8, 3, 2, same_padding(8, 3, 2)),
                         (7, 5, 2, (2, 2)), (28, 5, 1, (0, 0))]:
        Xs = rng.normal(size=(1, 1, n, n))
        Y = conv2d(Xs, rng.normal(size=(1, 1, k, k)), np.zeros(1), s, (*pad, *pad))
        print(f"n={n}, k={k}, s={s}, 填充(上, 下)={pad}: 公式 {output_size(n, k, s, sum(pad))}，实际 {Y.shape[2]}")

    X = rng.normal(size=(args.batch, 3, args.size, args.size))
    W, b = rng.normal(size=(8, 3, 3, 3)), rng.normal(size=8)
    for stride, padding in ((1, 1), (2, 0)):
        diff = np.abs(conv2d(X, W, b, stride, padding) - conv2d_loop(X, W, b, stride, padding)).max()
        print(f"步幅 {stride}、四边各补 {padding} 时 im2col 与循环版的最大差: {diff:.2e}")
    cols, _ = im2col(pad2d(X, 1), 3, 3)
    print(f"输出形状: {conv2d(X, W, b, 1, 1).shape}")
    print(f"im2col 矩阵形状: {cols.shape}")
    # 每个输入元素被复制约 k_h·k_w/s² 次：步幅 1 四边各补 1，步幅 2 用 "same" 填充（输出边长 n/s）
    for stride, pad in ((1, (1, 1, 1, 1)), (2, same_padding(args.size, 3, 2) * 2)):
        cols, _ = im2col(pad2d(X, pad), 3, 3, stride)
        print(f"步幅 {stride} 时 im2col 矩阵元素数是输入的倍数: {cols.size / X.size:.2f}"
              f"（k_h·k_w/s² = {9 / stride ** 2:.2f}）")

    t_loop = best_time(conv2d_loop, X, W, b, padding=1, repeat=1)
    t_fast = best_time(conv2d, X, W, b, padding=1)
    print("\n以下耗时是本次构建时的实测值，随机器与负载变化：")
    print(f"循环版耗时(ms): {t_loop * 1e3:.1f}")
    print(f"im2col 版耗时(ms): {t_fast * 1e3:.3f}")
    print(f"加速比: {t_loop / t_fast:.0f}")


if __name__ == "__main__":
    main()
