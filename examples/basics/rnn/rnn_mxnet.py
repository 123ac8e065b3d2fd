# env: mxnet
"""Gluon 的 rnn.RNN：装入与 NumPy 版相同的权重，autograd 求梯度，clip_global_norm 按全局范数裁剪。

gluon.rnn.RNN 按 (输出, 输入) 存权重：l0_i2h_weight 是 W_xhᵀ (隐藏, 输入)，l0_h2h_weight 是 W_hhᵀ；
而且有两个偏置 l0_i2h_bias 与 l0_h2h_bias，计算时相加（只有和 b_h 起作用，这里把第二个设为 0）。
layout="TNC" 时输入按 (时间, 批量, 特征) 排列，初始隐状态的形状是 (层数, 批量, 隐藏)。
gluon.utils.clip_global_norm(数组列表, θ) 原地把每个数组乘以 min(θ / (‖g‖ + 10⁻⁸), 1)，返回 ‖g‖；
在 MXNet 1.9.1 里它只接受 float32 数组（内部把比例与一个 float32 的 1 拼在一起取最小值）。
"""
import argparse

import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int


def init_params(vocab, hidden, seed=0, scale=0.5):
    """W_xh (V, H)、W_hh (H, H)、b_h (H)、W_hq (H, V)、b_q (V)：正态随机，偏置也取随机值以便检验。"""
    rng = np.random.default_rng(seed)
    shapes = [(vocab, hidden), (hidden, hidden), (hidden,), (hidden, vocab), (vocab,)]
    return [rng.normal(0, scale, s) for s in shapes]


def make_batch(vocab, T, n, seed=0):
    """随机词元序列（T+1 步）：前 T 步是输入（独热），后 T 步是要预测的“下一个词元”。"""
    ids = np.random.default_rng(seed).integers(0, vocab, size=(T + 1, n))
    return np.eye(vocab)[ids[:-1]], ids[1:]


def clip_global_norm(grads, theta):
    """从零实现：g ← g · θ / max(‖g‖, θ)，‖g‖ 是全部梯度合起来的 L2 范数。返回 (裁剪后的梯度, ‖g‖)。"""
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return [g * (theta / max(norm, theta)) for g in grads], norm


def gluon_loss_and_grads(params, X, Y, h0):
    """X (T, n, V)、Y (T, n)。返回损失与 [W_xh, W_hh, b_h, W_hq, b_q, h0] 的梯度（按 NumPy 的形状）。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    V, H = W_xh.shape
    rnn = gluon.rnn.RNN(H, activation="tanh", layout="TNC", input_size=V)
    dense = gluon.nn.Dense(V, flatten=False, in_units=H)
    for block in (rnn, dense):
        block.initialize()
        block.cast("float64")
    p = rnn.collect_params()
    for suffix, value in (("i2h_weight", W_xh.T), ("h2h_weight", W_hh.T), ("i2h_bias", b_h),
                          ("h2h_bias", np.zeros(H))):
        p[rnn.prefix + "l0_" + suffix].set_data(nd.array(value, dtype="float64"))
    dense.weight.set_data(nd.array(W_hq.T, dtype="float64"))     # Dense 同样存 (输出, 输入)
    dense.bias.set_data(nd.array(b_q, dtype="float64"))
    h = nd.array(h0[None], dtype="float64")
    h.attach_grad()
    lossf = gluon.loss.SoftmaxCrossEntropyLoss()
    with autograd.record():
        out, _ = rnn(nd.array(X, dtype="float64"), [h])
        loss = lossf(dense(out), nd.array(Y, dtype="float64")).mean()
    loss.backward()
    grads = [p[rnn.prefix + "l0_i2h_weight"].grad().T, p[rnn.prefix + "l0_h2h_weight"].grad().T,
             p[rnn.prefix + "l0_i2h_bias"].grad(), dense.weight.grad().T, dense.bias.grad(), h.grad[0]]
    return float(loss.asscalar()), [g.asnumpy() for g in grads]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    V, Hd, T, n = 6, 5, 12, 3
    params = init_params(V, Hd, args.seed)
    X, Y = make_batch(V, T, n, args.seed)
    h0 = np.random.default_rng(args.seed + 1).normal(0, 0.5, (n, Hd))

    loss, grads = gluon_loss_and_grads(params, X, Y, h0)
    print(f"损失: {loss:.6f}")
    for name, g in zip(("W_xh", "W_hh", "b_h", "W_hq", "b_q", "h0"), grads):
        print(f"{name:>4} {str(g.shape):>7}：梯度范数 {np.linalg.norm(g):.6f}")

    grads = grads[:5]                              # 只裁剪参数的梯度
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    print(f"\n全局范数 ‖g‖: {norm:.6f}")
    for theta in (norm / 2, 2 * norm):
        ours, _ = clip_global_norm(grads, theta)
        theirs = [nd.array(g) for g in grads]      # float32：它内部与 float32 的 1 拼接，float64 会报错
        mx_norm = gluon.utils.clip_global_norm(theirs, theta)   # 原地修改 theirs
        diff = max(np.abs(a - b.asnumpy()).max() for a, b in zip(ours, theirs))
        new = np.sqrt(sum(np.sum(g ** 2) for g in ours))
        print(f"θ = {theta:.6f}：裁剪后的全局范数 {new:.6f}，clip_global_norm 报告的范数 "
              f"{mx_norm:.6f}，与从零实现的最大差 {diff:.1e}")


if __name__ == "__main__":
    main()
