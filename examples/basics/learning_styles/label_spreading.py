# env: main
"""半监督学习：标签扩散（Label Spreading）只用极少的标签给整个数据集分类。

手写数字数据集共 1797 张图片，只给每个数字几张图片标签，其余的标签都当作未知。
标签扩散先在所有样本（包括无标签的）上建一张 k 近邻图，再让标签沿着图的边扩散：
迭代 F ← αSF + (1-α)Y 直到收敛，收敛点有闭式解 F* = (1-α)(I - αS)⁻¹Y。
对照组是只用有标签样本训练的逻辑回归和 1-近邻分类器。准确率都在无标签样本上计算。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from scipy import sparse
from scipy.sparse.linalg import spsolve
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier, kneighbors_graph
from sklearn.semi_supervised import LabelSpreading

from mmdl.cli import nonnegative_int, positive_int, probability

N_NEIGHBORS = 7


def knn_affinity(A, B=None):
    """对称的 k 近邻图 W（稀疏矩阵）：i 是 j 的近邻或 j 是 i 的近邻时 W_ij = 1，对角线为 0。"""
    W = kneighbors_graph(A, N_NEIGHBORS, include_self=False)
    return W.maximum(W.T).tocsr()


def spreading_matrix(W):
    """S = D^{-1/2} W D^{-1/2}，D 是度数（W 的行和）构成的对角阵。"""
    D = sparse.diags(1.0 / np.sqrt(np.asarray(W.sum(axis=1)).ravel()))
    return (D @ W @ D).tocsc()


def closed_form(W, y_partial, n_classes, alpha):
    """F* = (1-α)(I - αS)⁻¹Y，Y 的第 i 行是有标签样本的 one-hot，无标签样本为 0。"""
    Y = np.zeros((len(y_partial), n_classes))
    labelled = y_partial >= 0
    Y[labelled, y_partial[labelled]] = 1
    S = spreading_matrix(W)
    F = (1 - alpha) * spsolve((sparse.identity(S.shape[0], format="csc") - alpha * S), Y)
    return F / F.sum(axis=1, keepdims=True)


def pick_labels(y, per_class, seed):
    """每个类别随机挑 per_class 个样本保留标签（挑选顺序固定，标签多的集合包含标签少的）。"""
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)]
    return np.concatenate([o[:per_class] for o in orders])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=positive_int, nargs="+", default=[1, 2, 3, 5, 10],
                        help="每个类别保留标签的样本数")
    parser.add_argument("--alpha", type=probability, default=0.9, help="α：邻居信息所占的比重")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.alpha == 0:
        parser.error("--alpha 必须大于 0")

    X, y = load_digits(return_X_y=True)
    results = {"标签扩散": [], "逻辑回归": [], "1-近邻": []}
    for per in args.per_class:
        idx = pick_labels(y, per, args.seed)
        y_partial = np.full(len(y), -1)
        y_partial[idx] = y[idx]
        hidden = y_partial == -1
        ls = LabelSpreading(kernel=knn_affinity, alpha=args.alpha, max_iter=2000, tol=1e-8)
        ls.fit(X, y_partial)
        accs = [np.mean(ls.transduction_[hidden] == y[hidden])]
        for model in [LogisticRegression(max_iter=2000), KNeighborsClassifier(n_neighbors=1)]:
            accs.append(model.fit(X[idx], y[idx]).score(X[hidden], y[hidden]))
        for (name, acc_list), acc in zip(results.items(), accs):
            acc_list.append(acc)
            print(f"每类{per}个标签 {name}准确率: {acc:.4f}")

    F = closed_form(knn_affinity(X), y_partial, 10, args.alpha)
    print(f"闭式解与迭代解最大差: {np.abs(F - ls.label_distributions_).max():.2e}")
    print(f"闭式解与迭代解预测一致率: {np.mean(F.argmax(axis=1) == ls.transduction_):.4f}")

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for name, acc in results.items():
        ax.plot(args.per_class, acc, "o-", label=name)
    ax.set(xlabel="每个类别的标签数", ylabel="无标签样本上的准确率",
           title=f"{len(y)} 张手写数字，只有少量带标签")
    ax.set_xticks(args.per_class)
    ax.legend(loc="lower right")
    plt.show()


if __name__ == "__main__":
    main()
