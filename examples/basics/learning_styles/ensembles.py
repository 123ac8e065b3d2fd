# env: main
"""集成学习：Bagging、随机森林、AdaBoost、梯度提升与单棵决策树的比较。

在乳腺癌数据集上训练四种集成方法，各用同样多的基学习器（决策树）。Bagging 与随机森林
并行地训练多棵树、平均它们的预测（随机森林在每次分裂时还随机挑选候选特征）；
AdaBoost 与梯度提升串行地训练，后一个基学习器专门弥补前面的错误。图中是测试准确率
随基学习器个数的变化，虚线是一棵完整的决策树。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import (AdaBoostClassifier, BaggingClassifier, GradientBoostingClassifier,
                              RandomForestClassifier)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

from mmdl.cli import nonnegative_int, positive_int, probability


def averaged_proba(model, X):
    """Bagging / 随机森林：前 m 个基学习器概率的平均 (1/m) Σ p_t(x)，m = 1..M。"""
    feats = getattr(model, "estimators_features_", [slice(None)] * len(model.estimators_))
    probs = np.array([t.predict_proba(X[:, f]) for t, f in zip(model.estimators_, feats)])
    return np.cumsum(probs, axis=0) / np.arange(1, len(probs) + 1)[:, None, None]


def adaboost_alpha(errors):
    """二分类 AdaBoost（SAMME）第 t 个弱学习器的权重 α_t = ln((1-ε_t)/ε_t)。"""
    return np.log((1 - errors) / errors)


def boosting_step_gap(model, X):
    """检查梯度提升的加法更新 F_m(x) = F_{m-1}(x) + η h_m(x)，返回最大偏差。"""
    staged = np.array([f.ravel() for f in model.staged_decision_function(X)])
    steps = np.array([model.learning_rate * t[0].predict(X) for t in model.estimators_])
    return float(np.abs(np.diff(staged, axis=0) - steps[1:]).max())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-estimators", type=positive_int, default=100, help="基学习器个数")
    parser.add_argument("--test-size", type=probability, default=0.3, help="测试集比例")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.test_size == 0:
        parser.error("--test-size 必须大于 0")

    data = load_breast_cancer()
    X_tr, X_te, y_tr, y_te = train_test_split(
        data.data, data.target, test_size=args.test_size, stratify=data.target,
        random_state=args.seed)
    n, seed = args.n_estimators, args.seed
    tree = DecisionTreeClassifier(random_state=seed).fit(X_tr, y_tr)
    bag = BaggingClassifier(DecisionTreeClassifier(), n_estimators=n, random_state=seed).fit(X_tr, y_tr)
    forest = RandomForestClassifier(n_estimators=n, random_state=seed).fit(X_tr, y_tr)
    ada = AdaBoostClassifier(n_estimators=n, random_state=seed).fit(X_tr, y_tr)
    gb = GradientBoostingClassifier(n_estimators=n, random_state=seed).fit(X_tr, y_tr)

    curves = {}
    for name, model in [("Bagging", bag), ("随机森林", forest)]:
        avg = averaged_proba(model, X_te)
        curves[name] = (avg.argmax(axis=2) == y_te).mean(axis=1)
        print(f"{name}平均概率与predict_proba最大差: "
              f"{np.abs(avg[-1] - model.predict_proba(X_te)).max():.2e}")
    for name, model in [("AdaBoost", ada), ("梯度提升", gb)]:
        curves[name] = np.array([np.mean(p == y_te) for p in model.staged_predict(X_te)])
    k = len(ada.estimator_weights_)
    print(f"AdaBoost权重公式最大差: "
          f"{np.abs(adaboost_alpha(ada.estimator_errors_[:k]) - ada.estimator_weights_).max():.2e}")
    print(f"梯度提升加法更新最大差: {boosting_step_gap(gb, X_te):.2e}")
    print(f"单棵决策树测试准确率: {tree.score(X_te, y_te):.4f}")
    for name, model in [("Bagging", bag), ("随机森林", forest), ("AdaBoost", ada), ("梯度提升", gb)]:
        print(f"{name}测试准确率: {model.score(X_te, y_te):.4f}")

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for name, acc in curves.items():
        ax.plot(np.arange(1, len(acc) + 1), acc, label=name)
    ax.axhline(tree.score(X_te, y_te), color="k", ls="--", label="单棵决策树")
    ax.set_xscale("log")
    ax.set_ylim(0.85, 0.98)    # 梯度提升最初几步步长小、仍预测多数类，准确率低于下限
    ax.set(xlabel="基学习器个数 (对数刻度)", ylabel="测试准确率", title="集成越大，测试准确率越稳定")
    ax.legend(loc="lower right")
    plt.show()


if __name__ == "__main__":
    main()
