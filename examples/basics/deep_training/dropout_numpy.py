# env: main
"""暂退法（dropout）的前向与反向：训练时随机丢弃、把留下的放大，推理时什么也不做。

训练时每个单元以概率 p 被置 0（掩码 ξ 中对应的元素为 0），留下的除以 1−p（“倒置”暂退法），于是输出的期望等于输入：
E[h'] = (1−p)·h/(1−p) = h。推理时直接输出 h，不需要任何缩放。反向传播时梯度走同一个掩码：
∂L/∂h = ξ ⊙ ∂L/∂h' / (1−p)。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int, probability


def dropout_forward(x, p, rng=None, training=True, mask=None):
    """返回 (输出, 掩码)。mask 为 True 的位置保留；传入 mask 时用它，否则按 p 随机生成。"""
    if not training or p == 0:
        return x, None
    if mask is None:
        mask = rng.random(x.shape) >= p
    return x * mask / (1 - p), mask


def dropout_backward(grad_out, mask, p):
    """∂L/∂x = ξ ⊙ ∂L/∂y / (1−p)；掩码为 None（推理或 p=0）时梯度原样通过。"""
    return grad_out if mask is None else grad_out * mask / (1 - p)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=probability, default=0.5, help="丢弃概率 p")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    x = rng.uniform(0.5, 1.5, size=(2000, 100))
    y, mask = dropout_forward(x, args.p, rng)
    print("一行输入的前 6 个数:", np.array2string(x[0, :6], precision=3))
    print("训练时对应的输出:  ", np.array2string(y[0, :6], precision=3))
    print(f"保留的比例: {mask.mean():.4f}（期望 1-p = {1 - args.p:g}）")
    print(f"输出均值 / 输入均值: {y.mean() / x.mean():.4f}")
    y_eval, _ = dropout_forward(x, args.p, rng, training=False)
    print(f"推理时输出与输入的最大差异: {np.abs(y_eval - x).max():g}")

    # 反向：L = Σ w ⊙ y 的梯度，与中心差分比较（掩码固定时 y 是 x 的线性函数）
    w = rng.normal(size=x.shape)
    grad = dropout_backward(w, mask, args.p)
    i, eps = (3, 7), 1e-6
    xp, xm = x.copy(), x.copy()
    xp[i] += eps
    xm[i] -= eps
    numeric = (np.sum(w * dropout_forward(xp, args.p, mask=mask)[0])
               - np.sum(w * dropout_forward(xm, args.p, mask=mask)[0])) / (2 * eps)
    print(f"x{i} 处梯度: 反向传播 {grad[i]:.6f}, 中心差分 {numeric:.6f}")


if __name__ == "__main__":
    main()
