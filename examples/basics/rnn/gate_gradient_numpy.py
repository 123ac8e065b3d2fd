# env: main
"""门控为什么能保住梯度：LSTM 与 GRU 的雅可比矩阵连乘，与普通循环神经网络做同样的测量。

与“梯度随时间爆炸与消失”一节相同：从零状态出发跑 T 步（输入是随机向量），实测 ‖∂s_T/∂s_{T-k}‖₂。
普通 RNN 的状态 s = h，每步的雅可比矩阵是 diag(1 − h²) W，必须经过权重矩阵和 tanh。
LSTM 的状态 s = (h, c)，记忆元一步的导数 ∂c_t/∂c_{t-1} 的主项是 diag(f_t)；GRU 的 ∂h_t/∂h_{t-1} 的主项是 diag(z_t)。
遗忘门 f（更新门 z）的偏置决定门开多大：偏置为 0 时门约为 0.5，偏置为 3 时约为 0.95。
每一步的雅可比矩阵按公式解析地写出（测试用中心差分核对）。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def init_gates(gates, d, H, bias=None, seed=0):
    """W_x· (d, H)、W_h· (H, H) 为 N(0, 1/d)、N(0, 1/H)，偏置为 0，bias={"f": 3.0} 给某个门设偏置。"""
    rng = np.random.default_rng(seed)
    p = {}
    for g in gates:
        p[f"W_x{g}"], p[f"W_h{g}"] = rng.normal(0, 1 / np.sqrt(d), (d, H)), rng.normal(0, 1 / np.sqrt(H), (H, H))
        for b in ((f"b_x{g}", f"b_h{g}") if g == "h" else (f"b_{g}",)):
            p[b] = np.full(H, (bias or {}).get(g, 0.0))
    return p


def rnn_step(p, x, s):
    """普通 RNN：返回新状态与雅可比矩阵 ∂s_t/∂s_{t-1}（列向量约定：第 m 行第 n 列是 ∂s_t[m]/∂s_{t-1}[n]）。"""
    h = np.tanh(x @ p["W_xh"] + s @ p["W_hh"] + p["b_xh"])
    return h, (1 - h ** 2)[:, None] * p["W_hh"].T


def lstm_step(p, x, s):
    """LSTM：状态 s = [h, c]（长 2H）。"""
    H = len(s) // 2
    h, c = s[:H], s[H:]
    a = {g: x @ p[f"W_x{g}"] + h @ p[f"W_h{g}"] + p[f"b_{g}"] for g in "ifco"}
    i, f, g, o = sigmoid(a["i"]), sigmoid(a["f"]), np.tanh(a["c"]), sigmoid(a["o"])
    c_new = f * c + i * g
    t = np.tanh(c_new)
    dc_dh = ((c * f * (1 - f))[:, None] * p["W_hf"].T + (g * i * (1 - i))[:, None] * p["W_hi"].T
             + (i * (1 - g ** 2))[:, None] * p["W_hc"].T)
    dc_dc = np.diag(f)                                             # 记忆元这条路径：只乘遗忘门
    dh_dh = (t * o * (1 - o))[:, None] * p["W_ho"].T + (o * (1 - t ** 2))[:, None] * dc_dh
    dh_dc = (o * (1 - t ** 2))[:, None] * dc_dc
    return np.r_[o * t, c_new], np.block([[dh_dh, dh_dc], [dc_dh, dc_dc]])


def gru_step(p, x, h):
    """GRU（reset_after=True 的写法）：h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃。"""
    z = sigmoid(x @ p["W_xz"] + h @ p["W_hz"] + p["b_z"])
    r = sigmoid(x @ p["W_xr"] + h @ p["W_hr"] + p["b_r"])
    u = h @ p["W_hh"] + p["b_hh"]
    n = np.tanh(x @ p["W_xh"] + p["b_xh"] + r * u)
    dn_dh = (1 - n ** 2)[:, None] * (r[:, None] * p["W_hh"].T + (u * r * (1 - r))[:, None] * p["W_hr"].T)
    J = np.diag(z) + ((h - n) * z * (1 - z))[:, None] * p["W_hz"].T + (1 - z)[:, None] * dn_dh
    return z * h + (1 - z) * n, J


def jacobian_norms(step, p, X, s0):
    """依次跑完 X 的每一步，返回 ‖∂s_T/∂s_{T-k}‖₂（k = 1 … T）。"""
    s, jacobians = s0, []
    for x in X:
        s, J = step(p, x, s)
        jacobians.append(J)
    norms, P = [], np.eye(len(s0))
    for J in reversed(jacobians):                                 # P = J_T ⋯ J_{T-k+1}
        P = P @ J
        norms.append(np.linalg.norm(P, 2))
    return np.array(norms)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元个数")
    parser.add_argument("--inputs", type=positive_int, default=16, help="输入的维数")
    parser.add_argument("--steps", type=positive_int, default=60, help="往回追溯的时间步数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.steps < 10:
        parser.error("--steps 至少为 10（要打印 k = 10 时的范数）")
    H, T = args.hidden, args.steps
    X = np.random.default_rng(args.seed + 1).normal(size=(T, args.inputs))
    k = np.arange(1, T + 1)
    rnn = jacobian_norms(rnn_step, init_gates("h", args.inputs, H, seed=args.seed), X, np.zeros(H))
    print(f"隐藏单元 {H}，往回 {T} 步：‖∂s_T/∂s_(T-k)‖")
    print(f"普通 RNN（tanh）：k = 10 时 {rnn[9]:.3e}，k = {T} 时 {rnn[-1]:.3e}，每步的平均倍数 {rnn[-1] ** (1 / T):.3f}")
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained", sharey=True)
    for ax, name, gate, step, s0 in ((axes[0], "LSTM", "f", lstm_step, np.zeros(2 * H)),
                                     (axes[1], "GRU", "z", gru_step, np.zeros(H))):
        ax.semilogy(k, rnn, "k:", label="普通 RNN")
        for b in (0.0, 1.0, 3.0):
            p = init_gates("ifco" if name == "LSTM" else "zrh", args.inputs, H, {gate: b}, args.seed)
            norms = jacobian_norms(step, p, X, s0)
            s, gates = s0, []                                     # 再跑一遍，记下门的平均值
            for x in X:
                a = x @ p[f"W_x{gate}"] + s[:H] @ p[f"W_h{gate}"] + p[f"b_{gate}"]
                gates.append(sigmoid(a).mean())
                s = step(p, x, s)[0]
            print(f"{name}，{gate} 门的偏置 {b:g}：门的平均值 {np.mean(gates):.3f}，k = 10 时 {norms[9]:.3e}，"
                  f"k = {T} 时 {norms[-1]:.3e}，每步的平均倍数 {norms[-1] ** (1 / T):.3f}")
            ax.semilogy(k, norms, label=f"{gate} 门的偏置 {b:g}")
        ax.set(title=f"{name}：雅可比矩阵连乘的范数", xlabel="往回的时间步数 k")
        ax.legend()
    axes[0].set_ylabel("范数（对数坐标）")
    plt.show()


if __name__ == "__main__":
    main()
