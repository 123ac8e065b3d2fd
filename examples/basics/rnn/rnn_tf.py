# env: main
"""Keras 的 SimpleRNN：装入与 NumPy 版相同的权重，GradientTape 求梯度，按全局范数裁剪。

keras.layers.SimpleRNN 的权重与本章的记法一致：kernel 是 W_xh (输入, 隐藏)，recurrent_kernel 是
W_hh (隐藏, 隐藏)，bias 是 b_h；输入按 (批量, 时间, 特征) 排列，初始隐状态由 initial_state 传入。
tf.clip_by_global_norm(梯度列表, θ) 先算全局范数 ‖g‖ = √(Σ 每个梯度的平方和)，
再把每个梯度乘以 θ / max(‖g‖, θ)：范数不超过 θ 时原样返回。
注意 Keras 的损失函数默认按 float32 计算（即使层是 float64），要逐位对照就给它也设 dtype="float64"。
"""
import argparse

import keras
import numpy as np
import tensorflow as tf

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


def keras_loss_and_grads(params, X, Y, h0):
    """X (T, n, V)、Y (T, n) 按时间优先排列；Keras 要 (n, T, …)。返回损失与 [W_xh, W_hh, b_h, W_hq, b_q, h0] 的梯度。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    V, H = W_xh.shape
    rnn = keras.layers.SimpleRNN(H, return_sequences=True, dtype="float64")
    dense = keras.layers.Dense(V, dtype="float64")
    x = tf.constant(X.transpose(1, 0, 2))
    h0 = tf.Variable(h0)
    rnn.build(x.shape)
    dense.build((None, None, H))
    rnn.set_weights([W_xh, W_hh, b_h])
    dense.set_weights([W_hq, b_q])
    lossf = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64")
    with tf.GradientTape() as tape:
        logits = dense(rnn(x, initial_state=[h0]))
        loss = lossf(Y.T, logits)                  # 对全部 n·T 个预测取平均
    variables = list(rnn.trainable_variables) + list(dense.trainable_variables) + [h0]
    grads = tape.gradient(loss, variables)
    return float(loss), [g.numpy() for g in grads]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    V, Hd, T, n = 6, 5, 12, 3
    params = init_params(V, Hd, args.seed)
    X, Y = make_batch(V, T, n, args.seed)
    h0 = np.random.default_rng(args.seed + 1).normal(0, 0.5, (n, Hd))

    loss, grads = keras_loss_and_grads(params, X, Y, h0)
    print(f"损失: {loss:.6f}")
    for name, g in zip(("W_xh", "W_hh", "b_h", "W_hq", "b_q", "h0"), grads):
        print(f"{name:>4} {str(g.shape):>7}：梯度范数 {np.linalg.norm(g):.6f}")

    grads = grads[:5]                              # 只裁剪参数的梯度
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    print(f"\n全局范数 ‖g‖: {norm:.6f}")
    for theta in (norm / 2, 2 * norm):
        ours, _ = clip_global_norm(grads, theta)
        theirs, tf_norm = tf.clip_by_global_norm([tf.constant(g) for g in grads], theta)
        diff = max(np.abs(a - b.numpy()).max() for a, b in zip(ours, theirs))
        new = np.sqrt(sum(np.sum(g ** 2) for g in ours))
        print(f"θ = {theta:.6f}：裁剪后的全局范数 {new:.6f}，tf.clip_by_global_norm 报告的范数 "
              f"{float(tf_norm):.6f}，与从零实现的最大差 {diff:.1e}")


if __name__ == "__main__":
    main()
