"""回归一章：闭式解 = NumPy = GradientTape = Keras = MXNet；交叉熵与梯度公式；L1/L2 的实验结论。"""
import ast

import numpy as np
import pytest

from support import EXAMPLES, in_mxnet, load_example, metric, run_example

D = "basics/regression/"
CLOSED, NP_, TF_, KERAS, MX = (D + n for n in ("linreg_closed_form.py", "linreg_numpy.py", "linreg_tf.py",
                                               "linreg_keras.py", "linreg_mxnet.py"))
LINREG = [CLOSED, NP_, TF_, KERAS, MX]
SOFTMAX, PATHS, COLLINEAR = D + "softmax_vs_ovr.py", D + "l1_l2_paths.py", D + "ridge_collinear.py"


# ------------------------------------------------------------------ 线性回归

def data_source(rel):
    """示例里 make_data 函数与 TRUE_W、TRUE_B 两个常量的源码。"""
    text = (EXAMPLES / rel).read_text(encoding="utf-8")
    parts = []
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == "make_data":
            parts.append(ast.get_source_segment(text, node))
        if isinstance(node, ast.Assign) and node.targets[0].id in ("TRUE_W", "TRUE_B"):
            parts.append(ast.get_source_segment(text, node))
    assert len(parts) == 3, f"{rel} 缺少 make_data / TRUE_W / TRUE_B"
    return parts


def test_all_linear_regression_examples_share_the_data_generator():
    reference = data_source(CLOSED)
    for rel in LINREG[1:]:
        assert data_source(rel) == reference, f"{rel} 的数据生成代码与闭式解示例不同"


@pytest.fixture(scope="module")
def mxnet_linreg():
    code = (
        "m = load_example('basics/regression/linreg_mxnet.py')\n"
        "X, y = m.make_data()\n"
        "w5, b5, _ = m.train(X, y, epochs=5)\n"
        "w, b, loss = m.train(X, y)\n"
        "print(json.dumps({'X': X[:5].tolist(), 'sum': float(X.astype('float64').sum()),\n"
        "                  'y': y[:5].tolist(), 'ysum': float(y.astype('float64').sum()),\n"
        "                  'w5': w5.tolist(), 'b5': b5, 'w': w.tolist(), 'b': b, 'loss': loss}))\n"
    )
    return in_mxnet(code)


def test_mxnet_environment_generates_the_same_data(mxnet_linreg):
    X, y = load_example(NP_).make_data()
    np.testing.assert_array_equal(np.array(mxnet_linreg["X"], dtype=np.float32), X[:5])
    np.testing.assert_array_equal(np.array(mxnet_linreg["y"], dtype=np.float32), y[:5])
    assert mxnet_linreg["sum"] == pytest.approx(float(X.astype(np.float64).sum()), abs=1e-9)
    assert mxnet_linreg["ysum"] == pytest.approx(float(y.astype(np.float64).sum()), abs=1e-9)


def test_normal_equation_matches_lstsq_and_truth():
    m = load_example(CLOSED)
    X, y = m.make_data()
    w, b = m.normal_equation(X, y)
    A = np.hstack([X, np.ones((len(X), 1))]).astype(np.float64)
    theta = np.linalg.lstsq(A, y.astype(np.float64), rcond=None)[0]
    np.testing.assert_allclose(np.append(w, b), theta, atol=1e-10)
    np.testing.assert_allclose(w, m.TRUE_W, atol=0.02)
    assert b == pytest.approx(m.TRUE_B, abs=0.02)


def test_mse_gradient_formula_matches_finite_differences():
    m = load_example(NP_)
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    w, b, h = np.array([0.3, -0.7]), 0.2, 1e-6
    loss, gw, gb = m.mse_and_grads(X, y, w, b)
    assert loss == pytest.approx(np.mean((X @ w + b - y) ** 2))
    for j in range(2):
        e = np.eye(2)[j] * h
        num = (m.mse_and_grads(X, y, w + e, b)[0] - m.mse_and_grads(X, y, w - e, b)[0]) / (2 * h)
        assert gw[j] == pytest.approx(num, rel=1e-6)
    num_b = (m.mse_and_grads(X, y, w, b + h)[0] - m.mse_and_grads(X, y, w, b - h)[0]) / (2 * h)
    assert gb == pytest.approx(num_b, rel=1e-6)


def test_frameworks_agree_step_by_step_before_convergence(mxnet_linreg):
    """只走 5 步、远未收敛时，四个实现的参数仍应逐位接近：它们是同一个算法。"""
    X, y = load_example(NP_).make_data()
    results = {"numpy": load_example(NP_).train(X, y, epochs=5)[:2],
               "tf": load_example(TF_).train(X, y, epochs=5)[:2],
               "keras": load_example(KERAS).train(X, y, epochs=5)[:2],
               "mxnet": (np.array(mxnet_linreg["w5"]), mxnet_linreg["b5"])}
    w_ref, b_ref = results["numpy"]
    assert abs(w_ref[0] - 2.0) > 0.3      # 确实还没有收敛
    for name, (w, b) in results.items():
        np.testing.assert_allclose(w, w_ref, atol=1e-5, err_msg=name)
        assert b == pytest.approx(b_ref, abs=1e-5), name


def test_frameworks_converge_to_the_closed_form(mxnet_linreg):
    X, y = load_example(CLOSED).make_data()
    w_cf, b_cf = load_example(CLOSED).normal_equation(X, y)
    results = {"numpy": load_example(NP_).train(X, y)[:2], "tf": load_example(TF_).train(X, y)[:2],
               "keras": load_example(KERAS).train(X, y)[:2],
               "mxnet": (np.array(mxnet_linreg["w"]), mxnet_linreg["b"])}
    for name, (w, b) in results.items():
        np.testing.assert_allclose(w, w_cf, atol=1e-4, err_msg=name)
        assert b == pytest.approx(b_cf, abs=1e-4), name


def test_printed_parameters_agree_across_all_examples():
    outs = {rel: run_example(rel) for rel in LINREG}
    for label, true in (("w1", 2.0), ("w2", -3.4), ("b", 4.2)):
        values = [metric(out, label) for out in outs.values()]
        assert max(values) - min(values) <= 1e-4, f"{label}: {values}"
        assert values[0] == pytest.approx(true, abs=0.02)
    losses = [metric(outs[rel], "最终训练损失") for rel in LINREG[1:]]
    assert max(losses) - min(losses) < 1e-5
    assert losses[0] == pytest.approx(0.01, rel=0.2)   # ≈ 噪声方差 0.1²


# ------------------------------------------------------------------ 逻辑回归与 softmax

def test_digits_accuracy_floor_and_probability_sums():
    out = run_example(SOFTMAX)
    assert metric(out, "softmax 测试准确率") >= 0.95
    assert metric(out, "一对其余测试准确率") >= 0.95
    assert metric(out, "softmax 概率之和与 1 的平均偏差") == 0
    assert metric(out, "一对其余概率之和与 1 的平均偏差") > 0.01


def test_cross_entropy_and_softmax_formulas():
    from sklearn.metrics import log_loss

    m = load_example(SOFTMAX)
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(40, 5)) * 3
    y = rng.integers(0, 5, 40)
    P = m.softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1, atol=1e-12)
    assert m.cross_entropy(P, np.eye(5)[y], eps=0.0) == pytest.approx(log_loss(y, P, labels=range(5)), rel=1e-9)
    np.testing.assert_allclose(m.softmax(Z + 1000.0), P, atol=1e-12)      # 平移不变、不溢出
    p = m.sigmoid(Z[:, 0])
    yb = (y == 0).astype(float)
    assert m.binary_cross_entropy(p[:, None], yb[:, None], eps=0.0) == pytest.approx(log_loss(yb, p), rel=1e-9)


@pytest.mark.parametrize("kind", ["ovr", "softmax"])
def test_gradient_formula_matches_finite_differences(kind):
    """两种模型的梯度都是 Xᵀ(P − Y)/n：用数值微分核对 fit 里用到的这个公式。"""
    m = load_example(SOFTMAX)
    rng = np.random.default_rng(5)
    X, y, K = rng.normal(size=(25, 4)), rng.integers(0, 3, 25), 3
    Y = np.eye(K)[y]
    W, b = rng.normal(size=(4, K)), rng.normal(size=K)
    link, loss = (m.sigmoid, m.binary_cross_entropy) if kind == "ovr" else (m.softmax, m.cross_entropy)

    def L(W_):
        return loss(link(X @ W_ + b), Y, eps=0.0)

    analytic = X.T @ (link(X @ W + b) - Y) / len(X)
    h = 1e-6
    for i in range(4):
        for k in range(K):
            E = np.zeros_like(W)
            E[i, k] = h
            assert analytic[i, k] == pytest.approx((L(W + E) - L(W - E)) / (2 * h), rel=1e-5, abs=1e-8)
    # fit 的一步更新正是沿这个梯度走
    W1, _, _ = m.fit(X, y, K, kind, lr=0.5, epochs=1)
    np.testing.assert_allclose(W1, -0.5 * X.T @ (link(X @ np.zeros((4, K))) - Y) / len(X), atol=1e-12)


# ------------------------------------------------------------------ 正则化

def test_lasso_and_ridge_match_scikit_learn():
    from sklearn.linear_model import Lasso, Ridge

    m = load_example(PATHS)
    X, y = m.make_data(100, 0)
    n = len(y)
    for lam in (0.01, 0.3, 1.0):
        ref = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100000).fit(X, y).coef_
        np.testing.assert_allclose(m.lasso(X, y, lam), ref, atol=1e-6)
        ref = Ridge(alpha=n * lam, fit_intercept=False).fit(X, y).coef_
        np.testing.assert_allclose(m.ridge(X, y, lam), ref, atol=1e-10)


def test_lasso_solution_satisfies_optimality_conditions():
    """次梯度条件：w_j ≠ 0 时 x_jᵀr/n = λ·sign(w_j)，w_j = 0 时 |x_jᵀr/n| ≤ λ。"""
    m = load_example(PATHS)
    X, y = m.make_data(100, 0)
    lam = 0.3
    w = m.lasso(X, y, lam)
    corr = X.T @ (y - X @ w) / len(y)
    nz = w != 0
    np.testing.assert_allclose(corr[nz], lam * np.sign(w[nz]), atol=1e-8)
    assert np.all(np.abs(corr[~nz]) <= lam + 1e-8)


def test_soft_threshold_formula():
    m = load_example(PATHS)
    a = np.array([-3.0, -0.5, 0.0, 0.2, 0.5, 2.0])
    np.testing.assert_array_equal(m.soft_threshold(a, 0.5), [-2.5, 0.0, 0.0, 0.0, 0.0, 1.5])


def test_l1_is_sparse_and_l2_only_shrinks():
    out = run_example(PATHS)
    lams = (0.01, 0.3, 1.0)
    l1_zeros = [metric(out, f"λ={lam} Lasso 零系数个数") for lam in lams]
    assert l1_zeros == sorted(l1_zeros) and l1_zeros[-1] >= 5
    assert all(metric(out, f"λ={lam} 岭回归零系数个数") == 0 for lam in lams)
    ridge_norms = [metric(out, f"λ={lam} 岭回归 ‖w‖₂") for lam in lams]
    assert metric(out, "最小二乘 ‖w‖₂") > ridge_norms[0] > ridge_norms[1] > ridge_norms[2]
    kept = [line.split(": ", 1)[1].split() for line in out.splitlines() if "λ=0.3 Lasso 保留的特征" in line]
    assert kept == [["w1", "w2", "w5"]]          # 恰好是真正起作用的三个特征


def test_ridge_stabilises_collinear_features():
    out = run_example(COLLINEAR)
    assert metric(out, "XᵀX/n 的条件数") > 50 * metric(out, "XᵀX/n + λI 的条件数")
    assert metric(out, "最小二乘 w1 的标准差") > 10 * metric(out, "岭回归 w1 的标准差")
    assert metric(out, "最小二乘系数的均方误差") > 10 * metric(out, "岭回归系数的均方误差")
    assert metric(out, "最小二乘 w1+w2 的平均值") == pytest.approx(3.0, abs=0.1)   # 和是确定的
    assert metric(out, "岭回归 w1+w2 的平均值") < metric(out, "最小二乘 w1+w2 的平均值")  # 有收缩偏差


def test_condition_number_formula():
    m = load_example(COLLINEAR)
    X = m.make_features(50, 0.05, np.random.default_rng(0))
    A = X.T @ X / len(X)
    for lam in (0.0, 0.1, 1.0):
        assert m.condition_number(X, lam) == pytest.approx(np.linalg.cond(A + lam * np.eye(2)), rel=1e-8)
    np.testing.assert_allclose(m.ridge(X, X @ m.TRUE_W, 0.0), m.TRUE_W, atol=1e-8)
