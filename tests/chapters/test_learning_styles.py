"""学习方式一章（算法画廊）：每个算法的指标下限，以及页面上每个公式的核对。

指标从示例的真实输出里读（与构建共享缓存）；公式用 load_example 导入示例里的函数，
与 scikit-learn / NumPy 的独立实现或几何定义对照。
"""
from collections import deque

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_digits, load_iris
from sklearn.model_selection import train_test_split

from support import load_example, metric, run_example

EX = "basics/learning_styles/"


def out(name):
    return run_example(f"{EX}{name}.py")


def mod(name):
    return load_example(f"{EX}{name}.py")


def cancer_split(seed=0):
    d = load_breast_cancer()
    return train_test_split(d.data, d.target, test_size=0.3, stratify=d.target, random_state=seed)


# ---------- 决策树 ----------

def test_tree_pruning_metrics():
    o = out("decision_tree")
    full, pre, post = (metric(o, f"{n}叶节点数") for n in ["完整树", "预剪枝", "后剪枝"])
    assert post < full and pre < full
    assert metric(o, "预剪枝深度") <= 3
    assert metric(o, "后剪枝测试准确率") >= 0.9
    assert metric(o, "预剪枝测试准确率") >= 0.88
    assert metric(o, "后剪枝R_alpha") <= metric(o, "完整树R_alpha")


def test_tree_gini_and_cost_complexity():
    from sklearn.tree import DecisionTreeClassifier

    m = mod("decision_tree")
    X_tr, _, y_tr, _ = cancer_split()
    full = DecisionTreeClassifier(random_state=0).fit(X_tr, y_tr)
    assert m.gini(y_tr) == pytest.approx(full.tree_.impurity[0], abs=1e-12)     # G = 1 - Σ p_k²
    path = full.cost_complexity_pruning_path(X_tr, y_tr)
    assert m.leaf_impurity(full) == pytest.approx(path.impurities[0], abs=1e-12)  # R(T) 的定义
    for alpha, impurity in list(zip(path.ccp_alphas, path.impurities))[1:-1]:
        pruned = DecisionTreeClassifier(ccp_alpha=alpha, random_state=0).fit(X_tr, y_tr)
        assert m.leaf_impurity(pruned) == pytest.approx(impurity, abs=1e-9)
        # 剪枝得到的子树使 R_α 不超过完整树
        assert m.cost_complexity(pruned, alpha) <= m.cost_complexity(full, alpha) + 1e-12


# ---------- 朴素贝叶斯 ----------

def test_naive_bayes_metrics():
    o = out("naive_bayes")
    assert metric(o, "手写版测试准确率") >= 0.93
    assert metric(o, "GaussianNB测试准确率") >= 0.93
    assert metric(o, "后验概率最大差") <= 1e-10


def test_naive_bayes_is_bayes_rule_with_independence():
    from scipy.stats import norm
    from sklearn.datasets import load_wine

    m = mod("naive_bayes")
    X, y = load_wine(return_X_y=True)
    prior, mean, var = m.fit_gaussian_nb(X, y)
    x = X[::20]
    # 直接按 P(c) Π_j N(x_j; μ, σ²) / P(x) 计算（不取对数）
    joint = np.array([[prior[c] * np.prod(norm.pdf(xi, mean[c], np.sqrt(var[c]))) for c in range(3)]
                      for xi in x])
    np.testing.assert_allclose(m.posterior(x, prior, mean, var), joint / joint.sum(axis=1, keepdims=True),
                               rtol=1e-8, atol=1e-12)


# ---------- 最小二乘 ----------

def test_least_squares_metrics():
    o = out("least_squares")
    assert metric(o, "与lstsq最大差") <= 1e-10
    assert metric(o, "残差与X正交") <= 1e-9
    assert metric(o, "最小二乘竖直残差平方和") < metric(o, "总体最小二乘竖直残差平方和")
    assert metric(o, "总体最小二乘欧氏距离平方和") < metric(o, "最小二乘欧氏距离平方和")
    assert abs(metric(o, "斜率k") - 0.6) < 0.3


def test_least_squares_minimises_vertical_residuals():
    m = mod("least_squares")
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 5, 30)
    y = 2 - 0.5 * x + rng.normal(0, 0.7, 30)
    beta = m.least_squares(x, y)
    np.testing.assert_allclose(beta, np.linalg.lstsq(m.design_matrix(x), y, rcond=None)[0], atol=1e-12)
    best = m.vertical_sse(x, y, beta)
    for d in rng.normal(0, 0.05, (20, 2)):
        assert m.vertical_sse(x, y, beta + d) > best
    # 欧氏距离公式 = 点到其在直线上投影的距离
    b, k = beta
    direction = np.array([1.0, k]) / np.hypot(1.0, k)
    p = np.column_stack([x, y]) - np.array([0.0, b])
    perp = p - np.outer(p @ direction, direction)
    assert m.perpendicular_sse(x, y, beta) == pytest.approx(np.sum(perp ** 2), rel=1e-12)
    # 总体最小二乘的直线使欧氏距离平方和最小
    tls = m.total_least_squares(x, y)
    for d in rng.normal(0, 0.05, (20, 2)):
        assert m.perpendicular_sse(x, y, tls + d) > m.perpendicular_sse(x, y, tls)


# ---------- 逻辑回归 ----------

def test_logistic_regression_metrics():
    o = out("logistic_regression")
    assert metric(o, "测试准确率") >= 0.95
    assert metric(o, "与predict_proba最大差") <= 1e-12
    assert metric(o, "与log_loss之差") <= 1e-12


def test_logistic_log_odds_is_linear():
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    m = mod("logistic_regression")
    X_tr, X_te, y_tr, _ = cancer_split()
    s = StandardScaler().fit(X_tr)
    model = LogisticRegression().fit(s.transform(X_tr), y_tr)
    p = model.predict_proba(s.transform(X_te))[:, 1]
    np.testing.assert_allclose(np.log(p / (1 - p)), model.decision_function(s.transform(X_te)), atol=1e-8)
    np.testing.assert_allclose(m.sigmoid(model.decision_function(s.transform(X_te))), p, atol=1e-14)


# ---------- SVM ----------

def test_svm_margin_is_two_over_norm_w():
    o = out("svm")
    assert metric(o, "训练准确率") == 1.0
    assert metric(o, "间隔宽度2/||w||") == pytest.approx(metric(o, "最近点距离的两倍"), abs=2e-4)
    assert metric(o, "支持向量的y(wx+b)") == pytest.approx(1.0, abs=1e-3)
    assert metric(o, "所有样本y(wx+b)的最小值（二次规划的约束 ≥ 1）") == pytest.approx(1.0, abs=1e-3)


def test_svm_support_vectors_lie_on_the_margin():
    from sklearn.svm import SVC

    m = mod("svm")
    X, y = m.load_two_classes()
    model = SVC(kernel="linear", C=1000.0, tol=1e-8).fit(X, y)
    w, b = model.coef_[0], model.intercept_[0]
    functional = y * (X @ w + b)
    assert functional.min() >= 1 - 1e-3                               # 所有点都在间隔之外
    np.testing.assert_allclose(functional[model.support_], 1.0, atol=1e-3)  # 支持向量在边界上
    dist = m.distances_to_boundary(X, y, w, b)
    assert m.margin_width(w) == pytest.approx(2 * dist.min(), rel=1e-3)


# ---------- KNN ----------

def test_knn_metrics():
    o = out("knn")
    assert metric(o, "k=5 测试准确率") >= 0.9
    assert metric(o, "k=15 测试准确率") >= 0.9
    for k in [1, 5, 15, 50]:
        assert metric(o, f"k={k} 手写版与sklearn一致率") == 1.0


def test_knn_vote_matches_sklearn_on_continuous_data():
    from sklearn.neighbors import KNeighborsClassifier

    m = mod("knn")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] + X[:, 1] ** 2 > 0.5).astype(int) + (X[:, 2] > 1)
    X_new = rng.normal(size=(100, 3))
    for k in [1, 3, 7, 25]:
        expected = KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(X_new)
        np.testing.assert_array_equal(m.knn_predict(X, y, X_new, k), expected)


# ---------- 集成学习 ----------

def test_ensembles_metrics_and_formulas():
    o = out("ensembles")
    names = ["Bagging", "随机森林", "AdaBoost", "梯度提升"]
    accs = [metric(o, f"{n}测试准确率") for n in names]
    assert min(accs) >= 0.92
    assert max(accs) > metric(o, "单棵决策树测试准确率")
    assert metric(o, "Bagging平均概率与predict_proba最大差") <= 1e-12
    assert metric(o, "随机森林平均概率与predict_proba最大差") <= 1e-12
    assert metric(o, "AdaBoost权重公式最大差") <= 1e-12
    assert metric(o, "梯度提升加法更新最大差") <= 1e-10


def test_adaboost_alpha_formula():
    m = mod("ensembles")
    eps = np.array([0.1, 0.3, 0.5])
    np.testing.assert_allclose(m.adaboost_alpha(eps), [np.log(9), np.log(7 / 3), 0.0], atol=1e-15)


# ---------- K-均值 ----------

def test_kmeans_objective_and_ari():
    from sklearn.cluster import KMeans

    o = out("kmeans")
    assert metric(o, "目标函数J") == pytest.approx(metric(o, "sklearn inertia"), rel=1e-6)
    assert metric(o, "调整兰德指数ARI") >= 0.7
    X = load_iris().data
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
    assert mod("kmeans").objective(X, km.labels_, km.cluster_centers_) == pytest.approx(km.inertia_, rel=1e-9)


# ---------- EM / 高斯混合 ----------

def test_gmm_em_metrics():
    o = out("gmm_em")
    assert metric(o, "似然最大下降") <= 1e-12
    assert metric(o, "与GaussianMixture均值最大差") <= 1e-6
    assert metric(o, "调整兰德指数ARI") >= 0.8


def test_em_increases_likelihood_and_matches_sklearn():
    from sklearn.mixture import GaussianMixture

    m = mod("gmm_em")
    X, _ = m.make_data(500, 0)
    pi0, mu0, cov0 = m.initial_params(X, 3, 1)
    pi, mu, cov, history = m.em(X, pi0, mu0, cov0)
    assert np.all(np.diff(history) >= -1e-12)                            # EM 单调不减
    sk = GaussianMixture(3, tol=1e-8, max_iter=1000, reg_covar=m.REG, weights_init=pi0,
                         means_init=mu0, precisions_init=np.linalg.inv(cov0)).fit(X)
    np.testing.assert_allclose(mu, sk.means_, atol=1e-6)
    np.testing.assert_allclose(cov, sk.covariances_, atol=1e-6)
    # 平均对数似然 = 1/n Σ log Σ_k π_k N(x_i | μ_k, Σ_k)
    assert m.e_step(X, pi, mu, cov)[1] == pytest.approx(sk.score(X), abs=1e-6)
    # 责任度每行和为 1；估计的权重接近生成数据用的真实权重
    resp, _ = m.e_step(X, pi, mu, cov)
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(np.sort(pi), np.sort(m.TRUE_PI), atol=0.07)


# ---------- PCA ----------

def test_pca_is_covariance_eigendecomposition():
    from sklearn.decomposition import PCA

    o = out("pca")
    assert metric(o, "方差与特征值最大相对差") <= 1e-10
    assert metric(o, "方差与奇异值平方/(n-1)最大相对差") <= 1e-10
    assert abs(metric(o, "前两维投影的相关系数")) <= 1e-10
    assert metric(o, "前两个主成分解释方差比例") >= 0.25
    X = load_digits().data
    vals, vecs = mod("pca").covariance_eigen(X)
    pca = PCA().fit(X)
    np.testing.assert_allclose(pca.explained_variance_ratio_, vals / vals.sum(), atol=1e-12)
    # 前几个主成分方向与协方差矩阵的特征向量一致（允许符号相反）
    for k in range(5):
        assert abs(pca.components_[k] @ vecs[:, k]) == pytest.approx(1.0, abs=1e-8)


# ---------- SVD ----------

def test_svd_low_rank_error_is_discarded_singular_values():
    o = out("svd")
    assert metric(o, "UΣVᵀ重建最大误差") <= 1e-10
    assert metric(o, "U列正交误差") <= 1e-10
    errors = [metric(o, f"k={k} 相对误差") for k in [5, 20, 50, 100]]
    assert errors == sorted(errors, reverse=True)
    for k in [5, 20, 50, 100]:
        assert metric(o, f"k={k} 误差与被丢弃奇异值之差") <= 1e-9
        assert f"k={k} 谱范数误差" in o


def test_eckart_young_on_random_matrix():
    m = mod("svd")
    rng = np.random.default_rng(0)
    M = rng.normal(size=(40, 30))
    U, s, Vt = np.linalg.svd(M, full_matrices=False)
    np.testing.assert_allclose(U @ np.diag(s) @ Vt, M, atol=1e-12)      # M = UΣVᵀ
    for k in [1, 5, 20]:
        Mk = m.low_rank(U, s, Vt, k)
        assert np.linalg.matrix_rank(Mk) == k
        err = np.linalg.norm(M - Mk)
        assert err == pytest.approx(m.eckart_young_error(s, k), rel=1e-12)
        assert np.linalg.norm(M - Mk, 2) == pytest.approx(m.eckart_young_error(s, k, 2), rel=1e-12)
        assert m.eckart_young_error(s, k, 2) == pytest.approx(s[k]) and m.eckart_young_error(s, k, 2) < err
        # 其他秩为 k 的近似（投影到随机的 k 维子空间）误差都更大
        for _ in range(5):
            Q, _ = np.linalg.qr(rng.normal(size=(30, k)))
            assert np.linalg.norm(M - M @ Q @ Q.T) > err


# ---------- ICA ----------

def test_ica_unmixes_the_sources():
    o = out("ica")
    assert metric(o, "源1(正弦)与恢复信号的相关系数") >= 0.99
    assert metric(o, "源2(方波)与恢复信号的相关系数") >= 0.99
    assert metric(o, "混合信号与源的最大相关系数") < 0.95
    assert metric(o, "W·A的置换得分") >= 0.95
    m = mod("ica")
    assert m.permutation_score(np.array([[0.0, 3.0], [-2.0, 0.0]])).min() == 1.0


# ---------- 半监督：标签扩散 ----------

def test_label_spreading_beats_labelled_only_baselines():
    o = out("label_spreading")
    for per in [1, 2, 3, 5, 10]:
        ls = metric(o, f"每类{per}个标签 标签扩散准确率")
        assert ls > metric(o, f"每类{per}个标签 逻辑回归准确率")
        assert ls > metric(o, f"每类{per}个标签 1-近邻准确率")
    assert metric(o, "每类10个标签 标签扩散准确率") >= 0.95
    assert metric(o, "每类1个标签 标签扩散准确率") >= 0.8
    assert metric(o, "闭式解与迭代解最大差") <= 1e-6
    assert metric(o, "闭式解与迭代解预测一致率") == 1.0


def test_spreading_iteration_converges_to_closed_form():
    m = mod("label_spreading")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2)) + np.repeat([[0, 0], [4, 0]], 30, axis=0)
    y_partial = np.full(60, -1)
    y_partial[[0, 1, 30, 31]] = [0, 0, 1, 1]
    W = m.knn_affinity(X)
    S = m.spreading_matrix(W).toarray()
    Wd = W.toarray()
    assert np.array_equal(Wd, Wd.T) and np.all(np.diag(Wd) == 0)
    d = Wd.sum(axis=1)
    np.testing.assert_allclose(S, Wd / np.sqrt(np.outer(d, d)), atol=1e-15)   # S = D^{-1/2} W D^{-1/2}
    assert np.allclose(S, S.T) and np.abs(np.linalg.eigvalsh(S)).max() <= 1 + 1e-12
    alpha, Y = 0.9, np.zeros((60, 2))
    Y[y_partial >= 0, y_partial[y_partial >= 0]] = 1
    F = Y.copy()
    for _ in range(2000):
        F = alpha * S @ F + (1 - alpha) * Y                          # F ← αSF + (1-α)Y
    np.testing.assert_allclose(F / F.sum(axis=1, keepdims=True), m.closed_form(W, y_partial, 2, alpha),
                               atol=1e-10)


# ---------- 强化学习：Q-learning ----------

def bfs_steps(m):
    start, goal = m.find("S"), m.find("G")
    dist, queue = {start: 0}, deque([start])
    while queue:
        s = queue.popleft()
        for a in range(len(m.ACTIONS)):
            t, _, _ = m.step(s, a)
            if t not in dist and m.GRID[t[0]][t[1]] != "X":
                dist[t] = dist[s] + 1
                queue.append(t)
    return dist[goal]


def test_q_learning_policy_reaches_goal_by_shortest_path():
    o = out("q_learning")
    m = mod("q_learning")
    d = bfs_steps(m)
    assert metric(o, "贪心策略到达终点") == 1
    assert metric(o, "贪心策略步数") == d
    assert metric(o, "最短路径步数") == d
    # 只有到达终点时奖励 1：G = γ^(d-1)，也就是起点的 max Q*
    assert metric(o, "起点的max Q*") == pytest.approx(0.9 ** (d - 1), abs=1e-4)
    assert metric(o, "起点的max Q") == pytest.approx(0.9 ** (d - 1), abs=1e-3)
    assert metric(o, "路径上Q与Q*最大差") <= 1e-3


def test_q_update_and_bellman_optimality():
    m = mod("q_learning")
    Q = np.zeros((len(m.GRID), len(m.GRID[0]), 4))
    Q[0, 1] = [0.1, 0.5, 0.2, 0.3]
    Q[0, 0, 3] = 0.4
    m.q_update(Q, (0, 0), 3, 0.0, (0, 1), False, alpha=0.5, gamma=0.9)
    assert Q[0, 0, 3] == pytest.approx(0.4 + 0.5 * (0.0 + 0.9 * 0.5 - 0.4))
    m.q_update(Q, (0, 5), 3, 1.0, (0, 6), True, alpha=0.5, gamma=0.9)     # 终止：没有未来回报
    assert Q[0, 5, 3] == pytest.approx(0.5)
    gamma = 0.9
    Qs = m.q_star(gamma)
    for r, row in enumerate(m.GRID):
        for c, ch in enumerate(row):
            if ch in ".S":
                for a in range(4):
                    s2, reward, done = m.step((r, c), a)
                    assert Qs[r, c, a] == pytest.approx(reward + (0 if done else gamma * Qs[s2].max()),
                                                        abs=1e-9)
    Q, _ = m.q_learning(500, 0.5, gamma, 0.1, seed=3)
    path = m.greedy_path(Q)
    assert path[-1] == m.find("G") and len(path) - 1 == bfs_steps(m)
