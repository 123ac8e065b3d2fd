# env: main
"""决策树：预剪枝与后剪枝（代价复杂度剪枝）的比较。

在乳腺癌数据集上训练三棵 CART 分类树：不剪枝的完整树；预剪枝的树（建树时用
max_depth、min_samples_leaf 提前停止）；后剪枝的树（先长成完整树，再按代价复杂度
R_α(T) = R(T) + α|T| 剪掉收益最小的子树，α 由训练集上的交叉验证选出）。
图中左边是 α 与叶节点数、准确率的关系，右边是后剪枝得到的树。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.tree import DecisionTreeClassifier, plot_tree

from mmdl.cli import nonnegative_int, positive_int, probability


def gini(y):
    """基尼不纯度 G = 1 - Σ_k p_k²。"""
    p = np.bincount(y) / len(y)
    return float(1.0 - np.sum(p ** 2))


def leaf_impurity(model):
    """R(T)：各叶节点的不纯度按该节点样本所占比例加权求和。"""
    t = model.tree_
    leaves = t.children_left == -1
    share = t.weighted_n_node_samples / t.weighted_n_node_samples[0]
    return float(np.sum(share[leaves] * t.impurity[leaves]))


def cost_complexity(model, alpha):
    """代价复杂度 R_α(T) = R(T) + α·|T|，|T| 是叶节点数。"""
    return leaf_impurity(model) + alpha * model.get_n_leaves()


def choose_alpha(X, y, alphas, seed, folds=5):
    """对每个 α 做 folds 折交叉验证，返回各 α 的平均准确率和最好的 α。"""
    scores = np.array([
        cross_val_score(DecisionTreeClassifier(ccp_alpha=a, random_state=seed),
                        X, y, cv=folds).mean()
        for a in alphas])
    return scores, float(alphas[np.argmax(scores)])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-depth", type=positive_int, default=3, help="预剪枝：最大深度")
    parser.add_argument("--min-leaf", type=positive_int, default=5, help="预剪枝：叶节点最少样本数")
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    data = load_breast_cancer()
    X_tr, X_te, y_tr, y_te = train_test_split(
        data.data, data.target, test_size=args.test_size, stratify=data.target,
        random_state=args.seed)

    full = DecisionTreeClassifier(random_state=args.seed).fit(X_tr, y_tr)
    pre = DecisionTreeClassifier(max_depth=args.max_depth, min_samples_leaf=args.min_leaf,
                                 random_state=args.seed).fit(X_tr, y_tr)
    path = full.cost_complexity_pruning_path(X_tr, y_tr)
    alphas = path.ccp_alphas[:-1]          # 最后一个 α 把树剪成只剩根节点
    cv_scores, best = choose_alpha(X_tr, y_tr, alphas, args.seed)
    post = DecisionTreeClassifier(ccp_alpha=best, random_state=args.seed).fit(X_tr, y_tr)

    print(f"根节点基尼不纯度: {gini(y_tr):.4f}")
    for name, m in [("完整树", full), ("预剪枝", pre), ("后剪枝", post)]:
        print(f"{name}叶节点数: {m.get_n_leaves()}")
        print(f"{name}深度: {m.get_depth()}")
        print(f"{name}测试准确率: {m.score(X_te, y_te):.4f}")
    print(f"选中的ccp_alpha: {best:.5f}")
    print(f"完整树R_alpha: {cost_complexity(full, best):.5f}")
    print(f"后剪枝R_alpha: {cost_complexity(post, best):.5f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5), width_ratios=[1, 1.6])
    trees = [DecisionTreeClassifier(ccp_alpha=a, random_state=args.seed).fit(X_tr, y_tr)
             for a in alphas]
    ax1.plot(alphas, [t.score(X_tr, y_tr) for t in trees], "o-", ms=3, drawstyle="steps-post",
             label="训练集")
    ax1.plot(alphas, cv_scores, "s-", ms=3, drawstyle="steps-post", label="交叉验证")
    ax1.plot(alphas, [t.score(X_te, y_te) for t in trees], "^-", ms=3, drawstyle="steps-post",
             label="测试集")
    ax1.axvline(best, color="gray", ls="--", label="选中的 α")
    ax1.set(xlabel="ccp_alpha (α)", ylabel="准确率", title="后剪枝：α 越大，树越小")
    ax1.legend(loc="upper right")
    leaves = ax1.twinx()
    leaves.plot(alphas, [t.get_n_leaves() for t in trees], color="k", alpha=0.3,
                drawstyle="steps-post")
    leaves.set_ylabel("叶节点数 (灰线)")
    leaves.grid(False)
    plot_tree(post, ax=ax2, feature_names=data.feature_names, class_names=["恶性", "良性"],
              filled=True, impurity=False, proportion=True, fontsize=7)
    ax2.set_title("后剪枝得到的决策树")
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
