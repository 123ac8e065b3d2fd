# env: main
"""注意力的直觉：Nadaraya–Watson 核回归就是“软查表”，再看加性注意力。

给定数据 (x_i, y_i)，在查询点 x 处的预测 f(x) = Σ_i α(x, x_i) y_i，权重
α(x, x_i) = softmax_i(−(x − x_i)² / (2σ²))：离查询越近的键，它的值占的比重越大。
查询 = x，键 = x_i，值 = y_i。σ 越小，权重越集中（接近“查最近的那一条”）。
加性注意力用一个小网络打分：a(q, k) = w_vᵀ tanh(W_q q + W_k k)，q 与 k 的维数可以不同。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float


def softmax(s, axis=-1):
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def nadaraya_watson(x_query, x_keys, y_values, sigma):
    """返回预测 (m,) 与注意力权重 (m, n)。"""
    weights = softmax(-(x_query[:, None] - x_keys[None, :]) ** 2 / (2 * sigma ** 2))
    return weights @ y_values, weights


def additive_attention(Q, K, V, Wq, Wk, wv):
    """Q (m, d_q)、K (n, d_k)、V (n, d_v)；打分 w_vᵀ tanh(W_q q + W_k k)，返回输出与权重。"""
    hidden = np.tanh((Q @ Wq)[:, None, :] + (K @ Wk)[None, :, :])     # (m, n, h)
    weights = softmax(hidden @ wv)
    return weights @ V, weights


def target(x):
    return 2 * np.sin(x) + x ** 0.8


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigma", type=positive_float, default=0.5, help="高斯核的宽度 σ")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    x_train = np.sort(rng.uniform(0, 5, 50))
    y_train = target(x_train) + rng.normal(0, 0.5, 50)
    x_test = np.linspace(0, 5, 100)

    print("σ       测试均方误差    每个查询的最大权重（平均）")
    for sigma in (0.1, args.sigma, 2.0):
        pred, w = nadaraya_watson(x_test, x_train, y_train, sigma)
        print(f"{sigma:<6.2f}  {np.mean((pred - target(x_test)) ** 2):.4f}          {w.max(axis=1).mean():.3f}")
    pred, w = nadaraya_watson(x_test, x_train, y_train, args.sigma)
    print(f"每行权重之和的最大偏差: {np.abs(w.sum(axis=1) - 1).max():.1e}")
    tiny = nadaraya_watson(x_test, x_train, y_train, 1e-3)[0]
    nearest = y_train[np.abs(x_test[:, None] - x_train[None, :]).argmin(axis=1)]
    print(f"σ→0 时与“取最近邻的值”的最大差: {np.abs(tiny - nearest).max():.1e}")

    Q, K, V = rng.normal(size=(2, 3)), rng.normal(size=(4, 5)), rng.normal(size=(4, 2))
    Wq, Wk, wv = rng.normal(size=(3, 8)), rng.normal(size=(5, 8)), rng.normal(size=8)
    out, aw = additive_attention(Q, K, V, Wq, Wk, wv)
    print(f"\n加性注意力: 查询维数 3、键维数 5 → 输出形状 {out.shape}，权重形状 {aw.shape}")
    print("权重:\n", np.round(aw, 3))
    i, j = 1, 2
    direct = wv @ np.tanh(Q[i] @ Wq + K[j] @ Wk)
    logits = np.log(aw[i]) - np.log(aw[i]).mean()
    scores = np.tanh((Q @ Wq)[i] + K @ Wk) @ wv
    print(f"第 {i} 个查询对第 {j} 个键的打分: {direct:.4f}；由权重反推（差一个常数）的最大误差: "
          f"{np.abs(logits - (scores - scores.mean())).max():.1e}")

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    axes[0].plot(x_test, target(x_test), label="真实函数")
    axes[0].plot(x_test, pred, label=f"核回归（σ={args.sigma}）")
    axes[0].plot(x_train, y_train, "o", ms=3, alpha=0.5, label="训练数据")
    axes[0].set(xlabel="x", ylabel="y", title="Nadaraya–Watson 核回归")
    axes[0].legend(fontsize=8)
    im = axes[1].imshow(w, aspect="auto", cmap="Reds", extent=(0, 50, 5, 0))
    axes[1].set(xlabel="训练样本（键，按 x 排序）", ylabel="查询 x", title="注意力权重")
    fig.colorbar(im, ax=axes[1])
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
