# env: main
"""从零实现循环神经网络：展开的前向计算、时间反向传播（BPTT），用中心差分检验。

隐状态 h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)，输出 o_t = h_t W_hq + b_q，
损失是 T 个时间步、n 个序列上交叉熵的平均。BPTT 从最后一步往回走：
  ∂L/∂h_t = ∂L/∂o_t · W_hqᵀ + ∂L/∂a_{t+1} · W_hhᵀ，  ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)
每一步的 ∂L/∂a_t 都对 W_xh、W_hh、b_h 贡献一份梯度（同一组参数在每个时间步共享）。
截断 BPTT 每 k 步把往回传的梯度切断（∂L/∂a_{t+1} · W_hhᵀ 记为 0），得到的是近似梯度。
"""
import argparse

import numpy as np

from mmdl.cli import nonnegative_int


def init_params(vocab, hidden, seed=0, scale=0.5):
    """W_xh (V, H)、W_hh (H, H)、b_h (H)、W_hq (H, V)、b_q (V)：正态随机，偏置也取随机值以便检验。"""
    rng = np.random.default_rng(seed)
    shapes = [(vocab, hidden), (hidden, hidden), (hidden,), (hidden, vocab), (vocab,)]
    return [rng.normal(0, scale, s) for s in shapes]


def rnn_forward(params, X, h0):
    """X: (T, n, V) 的独热输入。返回每步的隐状态 H (T, n, H) 与输出 O (T, n, V)。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, h = [], h0
    for x in X:                                   # 同一个单元，沿时间展开
        h = np.tanh(x @ W_xh + h @ W_hh + b_h)
        H.append(h)
    H = np.stack(H)
    return H, H @ W_hq + b_q


def softmax(O):
    e = np.exp(O - O.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def loss_fn(params, X, Y, h0):
    """交叉熵的平均：Y 是 (T, n) 的下一个词元编号。"""
    _, O = rnn_forward(params, X, h0)
    P = softmax(O)
    return -np.mean(np.log(np.take_along_axis(P, Y[..., None], axis=-1)))


def bptt(params, X, Y, h0, truncate=None):
    """时间反向传播。truncate=k 时每 k 步切断一次往回传的梯度（截断 BPTT）。返回各参数与 h0 的梯度。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, O = rnn_forward(params, X, h0)
    T, n = Y.shape
    dO = softmax(O)
    np.put_along_axis(dO, Y[..., None], np.take_along_axis(dO, Y[..., None], axis=-1) - 1, axis=-1)
    dO /= T * n                                    # 损失是 T·n 项的平均
    grads = [np.zeros_like(p) for p in params]
    da_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        h_prev = H[t - 1] if t > 0 else h0
        if truncate is not None and (t + 1) % truncate == 0:
            da_next = np.zeros_like(h0)            # 从第 t+1 步往回传的梯度在这里截断
        dh = dO[t] @ W_hq.T + da_next @ W_hh.T
        da = dh * (1 - H[t] ** 2)                  # tanh 的导数
        grads[0] += X[t].T @ da
        grads[1] += h_prev.T @ da
        grads[2] += da.sum(axis=0)
        grads[3] += H[t].T @ dO[t]
        grads[4] += dO[t].sum(axis=0)
        da_next = da
    return grads, da_next @ W_hh.T                 # 最后一项是 ∂L/∂h0


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
    """‖a − b‖ / (‖a‖ + ‖b‖)。"""
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def make_batch(vocab, T, n, seed=0):
    """随机词元序列（T+1 步）：前 T 步是输入（独热），后 T 步是要预测的“下一个词元”。"""
    ids = np.random.default_rng(seed).integers(0, vocab, size=(T + 1, n))
    return np.eye(vocab)[ids[:-1]], ids[1:]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    V, Hd, T, n = 6, 5, 12, 3
    params = init_params(V, Hd, args.seed)
    X, Y = make_batch(V, T, n, args.seed)
    h0 = np.random.default_rng(args.seed + 1).normal(0, 0.5, (n, Hd))
    print(f"词表大小 {V}，隐藏单元 {Hd}，时间步 {T}，序列数 {n}")
    print(f"损失: {loss_fn(params, X, Y, h0):.6f}   （均匀猜测是 ln {V} = {np.log(V):.6f}）")

    grads, dh0 = bptt(params, X, Y, h0)
    names = ("W_xh", "W_hh", "b_h", "W_hq", "b_q", "h0")
    for name, g, A in zip(names, grads + [dh0], params + [h0]):
        num = numerical_grad(lambda: loss_fn(params, X, Y, h0), A)   # noqa: B023
        print(f"{name:>4} {str(A.shape):>7}：梯度范数 {np.linalg.norm(g):.6f}，"
              f"BPTT 与中心差分的相对误差 {relative_error(g, num):.1e}")

    print("\n截断 BPTT：每 k 步切断一次，梯度与完整 BPTT 的相对误差")
    for k in (1, 2, 4, 6, 12):
        g_k, _ = bptt(params, X, Y, h0, truncate=k)
        print(f"k = {k:>2}: W_hh 的梯度 {relative_error(g_k[1], grads[1]):.3f}，"
              f"W_xh 的梯度 {relative_error(g_k[0], grads[0]):.3f}")


if __name__ == "__main__":
    main()
