# env: mxnet
"""从零实现 LSTM 与 GRU 单元，与 gluon.rnn.LSTM、gluon.rnn.GRU 装入同样的权重后逐元素比较。

Gluon 按 (输出, 输入) 存权重，各门按行拼在一起，并且输入一侧与循环一侧各有一个偏置：
  LSTM：l0_i2h_weight (4H, 输入)、l0_h2h_weight (4H, H)、l0_i2h_bias 与 l0_h2h_bias (4H)，
        行的顺序是 输入门 i、遗忘门 f、候选记忆 c̃、输出门 o（与 Keras 相同）；状态列表是 [h, c]，形状 (层数, 批量, H)；
  GRU：行的顺序是 重置门 r、更新门 z、候选隐状态 n（与 Keras 的 z、r、h̃ 不同），重置门乘在 (h W_hh + b_hh) 外面，
       即 Keras 的 reset_after=True。gluon.nn.Embedding 与 Keras 的 Embedding 一样，按编号取权重矩阵的一行。
"""
import argparse

import numpy as np
from mxnet import gluon, nd

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


def to_gluon(p, order):
    """按 order 把各门的权重转置后按行拼接；偏置：输入一侧放 b·（GRU 候选为 b_xh），循环一侧只有 GRU 候选的 b_hh。"""
    zeros = np.zeros_like(p[f"W_h{order[0]}"][0])
    return {"i2h_weight": np.vstack([p[f"W_x{g}"].T for g in order]),
            "h2h_weight": np.vstack([p[f"W_h{g}"].T for g in order]),
            "i2h_bias": np.concatenate([p["b_xh" if g == "h" else f"b_{g}"] for g in order]),
            "h2h_bias": np.concatenate([p["b_hh"] if g == "h" else zeros for g in order])}


def gluon_run(layer, weights, X, states):
    """X (n, T, d) 按 layout="NTC" 输入；返回全部隐状态与最后的状态列表。"""
    layer.initialize()
    layer.cast("float64")
    params = layer.collect_params()
    for name, value in weights.items():
        params[layer.prefix + "l0_" + name].set_data(nd.array(value, dtype="float64"))
    out, new = layer(nd.array(X, dtype="float64"), [nd.array(s[None], dtype="float64") for s in states])
    return out.asnumpy(), [s.asnumpy()[0] for s in new]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    n, T, d, H = 3, 7, 4, 5
    rng = np.random.default_rng(args.seed + 1)
    X, h0, c0 = rng.normal(size=(n, T, d)), rng.normal(size=(n, H)), rng.normal(size=(n, H))

    p = init_cell("ifco", d, H, args.seed)
    ours, h, c = lstm_forward(p, X, h0, c0)
    weights = to_gluon(p, "ifco")
    print("Gluon LSTM 权重形状:", {k: v.shape for k, v in weights.items()})
    seq, (gh, gc) = gluon_run(gluon.rnn.LSTM(H, layout="NTC", input_size=d), weights, X, [h0, c0])
    print(f"LSTM：全部隐状态的最大差 {np.abs(seq - ours).max():.1e}，最后的 h {np.abs(gh - h).max():.1e}，"
          f"最后的 c {np.abs(gc - c).max():.1e}")

    q = init_cell("zrh", d, H, args.seed)
    ours, h = gru_forward(q, X, h0, reset_after=True)
    seq, (gh,) = gluon_run(gluon.rnn.GRU(H, layout="NTC", input_size=d), to_gluon(q, "rzh"), X, [h0])
    print(f"GRU（行顺序 r、z、n）：全部隐状态的最大差 {np.abs(seq - ours).max():.1e}，"
          f"与 reset_after=False 的写法相差 {np.abs(gru_forward(q, X, h0, False)[0] - ours).max():.2f}")
    seq_w, _ = gluon_run(gluon.rnn.GRU(H, layout="NTC", input_size=d), to_gluon(q, "zrh"), X, [h0])
    print(f"误按 Keras 的顺序 z、r、h̃ 装入：最大差 {np.abs(seq_w - ours).max():.2f}")

    W = rng.normal(size=(10, 3)).astype(np.float32)
    emb = gluon.nn.Embedding(10, 3)
    emb.initialize()
    emb.weight.set_data(nd.array(W))
    ids = np.array([3, 0, 7, 3])
    print(f"gluon.nn.Embedding 与 W[编号] 的最大差: {np.abs(emb(nd.array(ids)).asnumpy() - W[ids]).max():.1e}")


if __name__ == "__main__":
    main()
