# env: main
"""梯度随时间爆炸或消失：雅可比矩阵的连乘与循环权重的谱半径。

隐状态 h_t = tanh(W h_{t-1} + U x_t) 对 k 步之前的隐状态的导数是 k 个雅可比矩阵的乘积：
  ∂h_t/∂h_{t-k} = J_t J_{t-1} ⋯ J_{t-k+1}，  J_s = diag(1 − h_s²) W。
去掉 tanh（线性循环）时乘积就是 W^k，它的范数按 ρ(W)^k 增长或衰减（ρ 是谱半径，即特征值绝对值的最大值；
‖W^k‖^{1/k} → ρ）。tanh 的导数不超过 1，只会让乘积更小：ρ < 1 必然消失，ρ > 1 时未必爆炸，饱和也会让它消失。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def scaled_recurrent(H, rho, seed=0):
    """H×H 的随机高斯矩阵，缩放到谱半径恰为 rho。"""
    W = np.random.default_rng(seed).normal(0, 1 / np.sqrt(H), (H, H))
    return W * (rho / np.max(np.abs(np.linalg.eigvals(W))))


def jacobian_norms(W, steps, activation="tanh", input_scale=1.0, seed=0):
    """从 h_0 = 0 出发跑 steps 步，返回 ‖∂h_T/∂h_{T-k}‖₂（k = 1 … steps，T = steps）。"""
    H = W.shape[0]
    rng = np.random.default_rng(seed)
    U = rng.normal(0, 1 / np.sqrt(H), (H, H))
    h, jacobians = np.zeros(H), []
    for _ in range(steps):
        a = W @ h + input_scale * (U @ rng.normal(size=H))
        h = np.tanh(a) if activation == "tanh" else a
        jacobians.append(((1 - h ** 2)[:, None] * W) if activation == "tanh" else W)
    norms, P = [], np.eye(H)
    for J in reversed(jacobians):                 # P = J_T ⋯ J_{T-k+1}
        P = P @ J
        norms.append(np.linalg.norm(P, 2))
    return np.array(norms)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元个数")
    parser.add_argument("--steps", type=positive_int, default=60, help="往回追溯的时间步数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.steps < 10:
        parser.error("--steps 至少为 10（要打印 k = 10 时的范数）")
    rhos = (0.8, 0.95, 1.0, 1.05, 1.2)
    k = np.arange(1, args.steps + 1)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    print(f"隐藏单元 {args.hidden}，往回 {args.steps} 步")
    print("线性循环：‖W^k‖ 与 ρ^k")
    for rho in rhos:
        W = scaled_recurrent(args.hidden, rho, args.seed)
        lin = jacobian_norms(W, args.steps, "linear", seed=args.seed)
        rate = lin[-1] ** (1 / args.steps)
        print(f"ρ = {rho:.2f}：‖W^{args.steps}‖ = {lin[-1]:.3e}，ρ^{args.steps} = {rho ** args.steps:.3e}，"
              f"每步的平均倍数 {rate:.3f}")
        line, = axes[0].semilogy(k, lin, label=f"ρ = {rho}")
        axes[0].semilogy(k, rho ** k, ":", color=line.get_color())
    print("tanh 循环：‖∂h_T/∂h_{T-k}‖")
    for rho in (1.0, 1.5, 3.0):
        W = scaled_recurrent(args.hidden, rho, args.seed)
        th = jacobian_norms(W, args.steps, "tanh", seed=args.seed)
        print(f"ρ = {rho:.2f}：k = 10 时 {th[9]:.3e}，k = {args.steps} 时 {th[-1]:.3e}，"
              f"每步的平均倍数 {th[-1] ** (1 / args.steps):.3f}")
        axes[1].semilogy(k, th, label=f"ρ = {rho}")
    axes[0].set_title("线性循环：实线为实测 ‖W^k‖，虚线为 ρ^k")
    axes[1].set_title("tanh 循环：雅可比矩阵连乘的范数")
    for ax in axes:
        ax.set_xlabel("往回的时间步数 k")
        ax.set_ylabel("范数（对数坐标）")
        ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
