# env: main
"""从零实现 LSTM 与 GRU 单元，与 keras.layers.LSTM、keras.layers.GRU 装入同样的权重后逐元素比较。

本章按门分别写权重（每个门一组 W_x·、W_h·、b·，行向量约定 x W）。Keras 把各门的权重按列拼在一起：
  LSTM：kernel (输入, 4H)、recurrent_kernel (H, 4H)、bias (4H)，列的顺序是 输入门 i、遗忘门 f、候选记忆 c̃、输出门 o；
  GRU：列的顺序是 更新门 z、重置门 r、候选隐状态 h̃。reset_after=True（默认）时 bias 形状为 (2, 3H)：
       第 0 行加在 x W 上，第 1 行加在 h W 上，重置门乘在 (h W_hh + b_hh) 外面；reset_after=False 是原始的写法，
       重置门先乘 h 再乘 W_hh，bias 只有 (3H,)。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def lstm_forward(p, X, h, c):
    """X (n, T, d)。p 是 {"W_xi", "W_hi", "b_i", …} 四个门的权重。返回全部隐状态 (n, T, H) 与最后的 (h, c)。"""
    out = []
    for x in X.transpose(1, 0, 2):
        i = sigmoid(x @ p["W_xi"] + h @ p["W_hi"] + p["b_i"])       # 输入门
        f = sigmoid(x @ p["W_xf"] + h @ p["W_hf"] + p["b_f"])       # 遗忘门
        g = np.tanh(x @ p["W_xc"] + h @ p["W_hc"] + p["b_c"])       # 候选记忆 c̃
        o = sigmoid(x @ p["W_xo"] + h @ p["W_ho"] + p["b_o"])       # 输出门
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.stack(out, axis=1), h, c


def gru_forward(p, X, h, reset_after=True):
    """reset_after=True：h̃ = tanh(x W_xh + b_xh + r ⊙ (h W_hh + b_hh))；False：h̃ = tanh(x W_xh + (r ⊙ h) W_hh + b_h)。"""
    out = []
    for x in X.transpose(1, 0, 2):
        z = sigmoid(x @ p["W_xz"] + h @ p["W_hz"] + p["b_z"])       # 更新门
        r = sigmoid(x @ p["W_xr"] + h @ p["W_hr"] + p["b_r"])       # 重置门
        if reset_after:
            cand = np.tanh(x @ p["W_xh"] + p["b_xh"] + r * (h @ p["W_hh"] + p["b_hh"]))
        else:
            cand = np.tanh(x @ p["W_xh"] + (r * h) @ p["W_hh"] + p["b_xh"] + p["b_hh"])
        h = z * h + (1 - z) * cand
        out.append(h)
    return np.stack(out, axis=1), h


def init_cell(gates, d, H, seed=0):
    """每个门的 W_x· (d, H)、W_h· (H, H)、b· (H)；GRU 的候选隐状态有两个偏置 b_xh 与 b_hh。"""
    rng = np.random.default_rng(seed)
    p = {}
    for g in gates:
        p[f"W_x{g}"], p[f"W_h{g}"] = rng.normal(0, 0.5, (d, H)), rng.normal(0, 0.5, (H, H))
        for b in ((f"b_x{g}", f"b_h{g}") if g == "h" else (f"b_{g}",)):
            p[b] = rng.normal(0, 0.5, H)
    return p


def to_keras_lstm(p):
    return [np.hstack([p[f"W_x{g}"] for g in "ifco"]), np.hstack([p[f"W_h{g}"] for g in "ifco"]),
            np.concatenate([p[f"b_{g}"] for g in "ifco"])]


def to_keras_gru(p, reset_after=True):
    W = np.hstack([p[f"W_x{g}"] for g in "zrh"])
    U = np.hstack([p[f"W_h{g}"] for g in "zrh"])
    zeros = np.zeros_like(p["b_z"])
    if reset_after:                               # 第 0 行：输入一侧的偏置；第 1 行：循环一侧的偏置
        return [W, U, np.stack([np.concatenate([p["b_z"], p["b_r"], p["b_xh"]]),
                                np.concatenate([zeros, zeros, p["b_hh"]])])]
    return [W, U, np.concatenate([p["b_z"], p["b_r"], p["b_xh"] + p["b_hh"]])]


def keras_run(layer, weights, X, states):
    layer.build(X.shape)
    layer.set_weights(weights)
    out = layer(X, initial_state=states)
    return [np.asarray(a) for a in out]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    n, T, d, H = 3, 7, 4, 5
    rng = np.random.default_rng(args.seed + 1)
    X, h0, c0 = rng.normal(size=(n, T, d)), rng.normal(size=(n, H)), rng.normal(size=(n, H))

    p = init_cell("ifco", d, H, args.seed)
    ours, h, c = lstm_forward(p, X, h0, c0)
    layer = keras.layers.LSTM(H, return_sequences=True, return_state=True, dtype="float64")
    seq, kh, kc = keras_run(layer, to_keras_lstm(p), X, [h0, c0])
    print("Keras LSTM 权重形状:", [w.shape for w in layer.get_weights()])
    print(f"LSTM：全部隐状态的最大差 {np.abs(seq - ours).max():.1e}，最后的 h {np.abs(kh - h).max():.1e}，"
          f"最后的 c {np.abs(kc - c).max():.1e}")
    wrong = to_keras_lstm({**p, "W_xi": p["W_xf"], "W_xf": p["W_xi"], "W_hi": p["W_hf"], "W_hf": p["W_hi"],
                           "b_i": p["b_f"], "b_f": p["b_i"]})
    seq_w, _, _ = keras_run(keras.layers.LSTM(H, return_sequences=True, return_state=True, dtype="float64"),
                            wrong, X, [h0, c0])
    print(f"把输入门与遗忘门的位置写反：最大差 {np.abs(seq_w - ours).max():.2f}")

    q = init_cell("zrh", d, H, args.seed)
    for reset_after in (True, False):
        ours, h = gru_forward(q, X, h0, reset_after)
        layer = keras.layers.GRU(H, return_sequences=True, return_state=True, reset_after=reset_after,
                                 dtype="float64")
        seq, kh = keras_run(layer, to_keras_gru(q, reset_after), X, [h0])
        other, _ = gru_forward(q, X, h0, not reset_after)
        print(f"GRU（reset_after={reset_after}）：权重形状 {[w.shape for w in layer.get_weights()]}，"
              f"最大差 {np.abs(seq - ours).max():.1e}，与另一种写法相差 {np.abs(other - ours).max():.2f}")


if __name__ == "__main__":
    main()
