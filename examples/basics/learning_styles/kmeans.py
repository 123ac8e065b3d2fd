# env: main
"""K-均值聚类：最小化每个点到所属簇中心的距离平方和。

在鸢尾花数据集的 4 个特征上运行 K-means（不使用标签）。目标函数
J = Σ_i ‖x_i - μ_{c(i)}‖²（scikit-learn 里叫 inertia）的最优值随簇数 k 增大不会变大，
所以不能靠 J 最小来选 k；左图中 J 下降明显变缓的"肘部"提示 k 的合适取值。
右图在花瓣长、宽两个维度上画出 k 个簇（默认 k=3）的聚类结果与簇中心。
最后用调整兰德指数 (ARI) 把聚类结果与真实品种对照：1 表示完全一致，随机分组的期望值是 0。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score

from mmdl.cli import nonnegative_int, positive_int


def objective(X, labels, centers):
    """J = Σ_i ‖x_i - μ_{c(i)}‖²。"""
    return float(np.sum((X - centers[labels]) ** 2))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=positive_int, default=3, help="簇数")
    parser.add_argument("--max-k", type=positive_int, default=8, help="肘部图里最大的簇数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    data = load_iris()
    X = data.data
    if args.k > len(X) or args.max_k > len(X):
        parser.error(f"簇数不能超过样本数 {len(X)}")
    model = KMeans(n_clusters=args.k, n_init=10, random_state=args.seed).fit(X)
    ks = np.arange(1, args.max_k + 1)
    inertias = [KMeans(n_clusters=k, n_init=10, random_state=args.seed).fit(X).inertia_ for k in ks]

    print(f"目标函数J: {objective(X, model.labels_, model.cluster_centers_):.4f}")
    print(f"sklearn inertia: {model.inertia_:.4f}")
    print(f"迭代次数: {model.n_iter_}")
    print(f"调整兰德指数ARI: {adjusted_rand_score(data.target, model.labels_):.4f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.plot(ks, inertias, "o-")
    ax1.set(xlabel="簇数 k", ylabel="目标函数 J (inertia)", title="肘部法则")
    for c in range(args.k):
        ax2.scatter(*X[model.labels_ == c][:, 2:].T, s=16, label=f"簇 {c}")
    ax2.scatter(*model.cluster_centers_[:, 2:].T, marker="X", s=180, c="k", label="簇中心")
    ax2.set(xlabel="花瓣长度 (cm)", ylabel="花瓣宽度 (cm)", title=f"k = {args.k} 的聚类结果")
    ax2.legend(loc="upper left")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
