# env: main
"""EM 算法拟合高斯混合模型：E 步算责任度，M 步重估参数，似然单调不减。

数据由 3 个形状、方向、权重各不相同的二维正态分布混合生成。用 NumPy 手写 EM 拟合
3 个分量的高斯混合模型（不使用生成时的分量标签），再从同一个初值运行 scikit-learn 的
GaussianMixture 对照。
左图是每次迭代后的平均对数似然；右图中每个点的颜色按它对 3 个分量的责任度混合，
椭圆是各分量的 2 倍标准差等高线。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse
from scipy.special import logsumexp
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture

from mmdl.cli import nonnegative_int, positive_int

REG = 1e-6   # 与 GaussianMixture 的 reg_covar 相同：协方差对角线加一个小数，保持正定
TRUE_PI = np.array([0.5, 0.3, 0.2])
TRUE_MU = np.array([[0.0, 0.0], [3.0, 2.0], [-1.0, 3.0]])
TRUE_COV = np.array([[[3.0, 1.5], [1.5, 1.2]], [[0.6, -0.5], [-0.5, 1.5]], [[0.4, 0.0], [0.0, 0.4]]])


def make_data(n, seed):
    """从真实的混合分布采样 n 个点，返回样本和它来自哪个分量。"""
    rng = np.random.default_rng(seed)
    z = rng.choice(3, size=n, p=TRUE_PI)
    X = np.array([rng.multivariate_normal(TRUE_MU[k], TRUE_COV[k]) for k in z])
    return X, z


def log_gaussian(X, mu, cov):
    """多元正态分布的对数密度 log N(x | μ, Σ)。"""
    d = X - mu
    _, logdet = np.linalg.slogdet(cov)
    maha = np.sum(d * np.linalg.solve(cov, d.T).T, axis=1)
    return -0.5 * (X.shape[1] * np.log(2 * np.pi) + logdet + maha)


def e_step(X, pi, mu, cov):
    """γ_ik = π_k N(x_i|μ_k,Σ_k) / Σ_j π_j N(x_i|μ_j,Σ_j)；同时返回平均对数似然。"""
    log_p = np.column_stack([np.log(pi[k]) + log_gaussian(X, mu[k], cov[k]) for k in range(len(pi))])
    log_norm = logsumexp(log_p, axis=1)
    return np.exp(log_p - log_norm[:, None]), float(log_norm.mean())


def m_step(X, resp):
    """N_k = Σ_i γ_ik；π_k = N_k/n；μ_k = Σ_i γ_ik x_i / N_k；Σ_k = Σ_i γ_ik (x_i-μ_k)(x_i-μ_k)ᵀ / N_k。"""
    nk = resp.sum(axis=0)
    mu = resp.T @ X / nk[:, None]
    cov = np.array([(resp[:, k, None] * (X - mu[k])).T @ (X - mu[k]) / nk[k]
                    + REG * np.eye(X.shape[1]) for k in range(len(nk))])
    return nk / len(X), mu, cov


def em(X, pi, mu, cov, tol=1e-8, max_iter=1000):
    """交替 E 步和 M 步，直到平均对数似然的增量小于 tol。返回参数与每次的似然。"""
    history = []
    for _ in range(max_iter):
        resp, ll = e_step(X, pi, mu, cov)
        pi, mu, cov = m_step(X, resp)
        if history and ll - history[-1] < tol:
            history.append(ll)
            break
        history.append(ll)
    return pi, mu, cov, np.array(history)


def initial_params(X, k, seed):
    """初值：随机选 k 个样本作均值，协方差都取全体数据的协方差，权重相等。"""
    rng = np.random.default_rng(seed)
    mu = X[rng.choice(len(X), k, replace=False)]
    cov = np.repeat(np.cov(X.T, bias=True)[None], k, axis=0)
    return np.full(k, 1 / k), mu, cov


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=500, help="样本数")
    parser.add_argument("--k", type=positive_int, default=3, help="拟合的分量个数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    X, z = make_data(args.n, args.seed)
    if args.k > args.n:
        parser.error("--k 不能超过样本数")
    pi0, mu0, cov0 = initial_params(X, args.k, args.seed)
    pi, mu, cov, history = em(X, pi0, mu0, cov0)
    resp, _ = e_step(X, pi, mu, cov)
    sk = GaussianMixture(args.k, tol=1e-8, max_iter=1000, reg_covar=REG, weights_init=pi0,
                         means_init=mu0, precisions_init=np.linalg.inv(cov0)).fit(X)

    print(f"EM迭代次数: {len(history)}")
    print(f"平均对数似然: {history[-1]:.6f}")
    print(f"似然最大下降: {max(0.0, -np.diff(history).min()):.2e}")
    print(f"与GaussianMixture均值最大差: {np.abs(mu - sk.means_).max():.2e}")
    print(f"调整兰德指数ARI: {adjusted_rand_score(z, resp.argmax(axis=1)):.4f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.plot(np.arange(1, len(history) + 1), history, ".-")
    ax1.set(xlabel="迭代次数", ylabel="平均对数似然", title="EM：每次迭代似然都不下降")
    palette = plt.get_cmap("tab10")(np.arange(args.k) % 10)[:, :3]
    ax2.scatter(*X.T, s=16, c=resp @ palette)       # 颜色 = Σ_k γ_ik × 分量 k 的颜色
    for k in range(args.k):
        vals, vecs = np.linalg.eigh(cov[k])
        angle = np.degrees(np.arctan2(vecs[1, 1], vecs[0, 1]))
        ax2.add_patch(Ellipse(mu[k], *(4 * np.sqrt(vals[::-1])), angle=angle, fill=False,
                              color="k", lw=1.2))
    ax2.set(xlabel="$x_1$", ylabel="$x_2$", title="按责任度着色的软聚类")
    ax2.set_aspect("equal")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
