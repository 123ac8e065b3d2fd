"""权重衰减一章：过拟合实验的结论、SGD 下 L2 = 权重衰减、Adam 下 L2 ≠ AdamW，NumPy = Keras = MXNet。"""
import json
import re

import numpy as np
import pytest

from support import call_mxnet, in_mxnet, load_example, metric, run_example

LINREG = "basics/weight_decay/linreg_overfit.py"
MLP = "basics/weight_decay/mlp_overfit.py"
SGD = "basics/weight_decay/sgd_l2_equals_decay.py"
ADAM = "basics/weight_decay/adam_l2_vs_adamw.py"
TF = "basics/weight_decay/weight_decay_tf.py"
MX = "basics/weight_decay/weight_decay_mxnet.py"
LAMBDAS = (0, 1, 3, 10)
# 二进制下精确可表示的超参数：框架把学习率等以 float32 传递时不产生舍入
# （β 也取 float32 能精确表示的值：框架在部分计算里把 β 转成 float32，默认的 0.9、0.999
# 会让 1 − β₂ 产生约 1e-5 的相对误差，步长随之偏差约 6e-6。）
LR, LAM, STEPS = 2.0 ** -8, 0.25, 300
BETAS = (0.875, 1 - 2.0 ** -9)


# ------------------------------------------------------------------ 过拟合实验

def test_linear_regression_overfits_without_decay():
    """线性回归实验：λ = 0 时训练损失几乎为 0、测试损失很大；λ 越大，测试损失越小、权重范数越小、训练损失越大；任何 λ 下都没有恰好为 0 的权重。"""
    out = run_example(LINREG)
    train = [metric(out, f"λ={lam} 训练损失") for lam in LAMBDAS]
    test = [metric(out, f"λ={lam} 测试损失") for lam in LAMBDAS]
    norm = [metric(out, f"λ={lam} 权重范数") for lam in LAMBDAS]
    baseline = metric(out, "常数预测(训练集均值)的测试损失")
    assert train[0] < 1e-4 and test[0] > 10                 # 训练集几乎完美，测试集一塌糊涂
    assert all(a > b for a, b in zip(test, test[1:]))       # λ 越大测试损失越小
    assert all(a > b for a, b in zip(norm, norm[1:]))       # ……权重越小
    assert all(a < b for a, b in zip(train, train[1:]))     # ……训练损失越大
    assert test[-1] < 2 * baseline
    for lam in LAMBDAS:                                     # L2 不产生稀疏解
        assert metric(out, f"λ={lam} 恰好为 0 的权重个数") == 0


def test_decay_acts_alone_outside_the_row_space():
    """梯度 Xᵀr/n 落在训练样本张成的子空间里；其正交补上的分量只受衰减：每步恰好乘以 1 − ηλ。"""
    m = load_example(LINREG)
    X, y, X_test, y_test = m.make_data(seed=0)
    w0 = np.random.default_rng([1, 0]).normal(size=X.shape[1])   # 与 train() 的初始化相同
    _, _, vt = np.linalg.svd(X)
    null = vt[len(X):]                                           # 180 个正交补方向
    epochs, lr, batch = 100, 0.003, 5
    for lam in (0.0, 3.0):
        w, _, _ = m.train(X, y, X_test, y_test, lam, epochs, lr, batch)
        steps = epochs * len(X) // batch
        np.testing.assert_allclose(null @ w, (1 - lr * lam) ** steps * (null @ w0), atol=1e-10)
    assert np.linalg.norm(null @ w0) > 10                        # λ = 0 时这部分原封不动地留着


def test_linear_regression_converges_to_ridge_solution():
    """全批量、足够多轮后，train() 的结果就是 L + λ/2‖w‖²（偏置不罚）的最小点。"""
    m = load_example(LINREG)
    X, y, X_test, y_test = m.make_data(seed=0)
    lam = 3.0
    w, b, _ = m.train(X, y, X_test, y_test, lam, epochs=12000, lr=0.01, batch_size=len(y))
    # 闭式解：对中心化的数据解 (XcᵀXc/n + λI) w = Xcᵀyc/n，b = ȳ − x̄·w
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w_star = np.linalg.solve(Xc.T @ Xc / len(y) + lam * np.eye(X.shape[1]), Xc.T @ yc / len(y))
    np.testing.assert_allclose(w, w_star, atol=1e-10)
    assert abs(b - (y.mean() - X.mean(axis=0) @ w_star)) < 1e-10


def test_mlp_overfits_without_decay():
    """多层感知机实验：参数个数正确；不加惩罚时训练损失到舍入误差的量级而测试损失很大；λ 足够大时测试损失回到常数预测的基线附近。"""
    out = run_example(MLP)
    baseline = metric(out, "常数预测(训练集均值)的测试损失")
    train = [metric(out, f"λ={lam} 训练损失") for lam in LAMBDAS]
    test = [metric(out, f"λ={lam} 测试损失") for lam in LAMBDAS]
    assert metric(out, "参数个数") == 200 * 64 + 64 + 64 + 1
    assert train[0] < 1e-20 and test[0] > 1                 # 训练损失到了舍入误差的量级
    assert test[0] > test[1] > test[2]
    assert test[2] < 1.2 * baseline and test[3] < 1.2 * baseline


def test_mlp_backprop_matches_finite_differences():
    """多层感知机手写反向传播的梯度与中心差分一致。"""
    m = load_example(MLP)
    X, y, _, _ = m.make_data(seed=0)
    p = m.init_params(X.shape[1], 8, seed=1)
    p["b1"] = np.linspace(-0.5, 0.5, 8)
    grads = m.grads_mse(p, X[:5], y[:5])
    h = 1e-6
    for name in ("W1", "b1", "W2"):
        for i in [(0, 0), (17, 3), (199, 7)] if name == "W1" else [(0,), (3,), (7,)]:
            old = p[name][i]
            p[name][i] = old + h
            plus = m.mse(p, X[:5], y[:5])
            p[name][i] = old - h
            minus = m.mse(p, X[:5], y[:5])
            p[name][i] = old
            assert abs((plus - minus) / (2 * h) - grads[name][i]) < 1e-7 * max(1, abs(grads[name][i]))
    p["b2"] += h
    plus = m.mse(p, X[:5], y[:5])
    p["b2"] -= 2 * h
    minus = m.mse(p, X[:5], y[:5])
    assert abs((plus - minus) / (2 * h) - grads["b2"]) < 1e-7


# ------------------------------------------------------------------ SGD：L2 = 权重衰减

@pytest.fixture(scope="module")
def setup():
    m = load_example(SGD)
    X, y = m.make_data(seed=0)
    return X, y, m.batches(len(y), 20, STEPS, seed=0)


def test_sgd_l2_equals_multiplicative_decay(setup):
    """普通 SGD 下，L2 写法与“先乘 1 − ηλ 再走梯度步”的写法逐步相同；加了动量就不再相同。"""
    m = load_example(SGD)
    X, y, idx = setup
    l2 = m.sgd(X, y, LAM, "l2", LR, idx)
    decay = m.sgd(X, y, LAM, "decay", LR, idx)
    np.testing.assert_allclose(l2, decay, rtol=0, atol=1e-13)
    # 一步的展开：w₁ = (1 − ηλ)w₀ − η∇L(w₀)
    w0 = np.full(3, 0.5)
    g0 = m.grad_mse(w0, X[idx[0]], y[idx[0]])
    np.testing.assert_allclose(decay[0], (1 - LR * LAM) * w0 - LR * g0, rtol=1e-15)
    # 带动量时不再相同
    l2_m = m.sgd(X, y, LAM, "l2", LR, idx, momentum=0.9)
    decay_m = m.sgd(X, y, LAM, "decay", LR, idx, momentum=0.9)
    assert np.abs(l2_m - decay_m).max() > 0.01


def test_sgd_example_output():
    """SGD 示例的输出：不带动量时两种写法的差异在 1e-12 以下，带动量时明显不同。"""
    out = run_example(SGD)
    assert metric(out, "SGD：L2 与权重衰减的最大参数差异") < 1e-12
    assert metric(out, "动量 SGD：L2 与权重衰减的最大参数差异") > 0.05
    assert metric(out, "每步的衰减因子 1-ηλ") == pytest.approx(1 - 0.005 * 0.3)


# ------------------------------------------------------------------ Adam：L2 ≠ AdamW

def test_adam_l2_converges_near_ridge_but_adamw_does_not():
    """Adam + L2 停在岭回归解附近，AdamW 不是。"""
    out = run_example(ADAM)
    assert metric(out, "Adam+L2 与岭回归解的最大差异") < 0.05
    assert metric(out, "AdamW 与岭回归解的最大差异") > 0.2


def test_adam_l2_vs_adamw_end_points():
    """Adam + L2 的终点：w3 几乎不缩、w1 几乎为 0；AdamW 把 w3 压得更多、w1 保留得多得多。"""
    m = load_example(ADAM)
    X, y = m.make_data(seed=0)
    idx = m.batches(len(y), 20, 3000, seed=0)
    l2 = m.adam(X, y, 0.3, "l2", 0.01, idx)
    adamw = m.adam(X, y, 0.3, "adamw", 0.01, idx)
    ridge = m.ridge_solution(X, y, 0.3)
    # 岭回归解确实是带惩罚损失的驻点
    np.testing.assert_allclose(m.grad_mse(ridge, X, y) + 0.3 * ridge, 0, atol=1e-12)
    assert l2[0] < 0.1 and l2[2] > 0.99
    assert adamw[2] < l2[2] - 0.005 and adamw[0] > l2[0] + 0.3


def test_adamw_decay_is_uniform_and_l2_decay_is_normalized():
    """同一状态下走一步：AdamW 的衰减部分恰好是 ηλw；Adam+L2 的衰减被 √v 归一化，因坐标而异。"""
    m = load_example(ADAM)
    X, y = m.make_data(seed=0)
    idx = [np.arange(20)]
    w0 = np.array([0.5, 0.5, 0.5])
    base = m.adam(X, y, 0.0, "none", LR, idx, w0=w0)
    adamw = m.adam(X, y, LAM, "adamw", LR, idx, w0=w0)
    l2 = m.adam(X, y, LAM, "l2", LR, idx, w0=w0)
    # AdamW：第一步 = Adam 的一步 − ηλw₀（m、v 只由 ∇L 决定）
    np.testing.assert_allclose(adamw, base - LR * LAM * w0, rtol=1e-14)
    # Adam + L2：第一步的位移约为 η·sign(g + λw)，λw 被除以 |g + λw|，对梯度大的坐标几乎没有作用
    g = m.grad_mse(w0, X[:20], y[:20])
    extra = (l2 - base) / (-LR * LAM * w0)                  # 相对于 ηλw 的倍数
    assert abs(extra[2]) < 1e-3 < abs(g[2])                 # 尺度 10 的特征：衰减几乎消失


@pytest.fixture(scope="module")
def numpy_paths(setup):
    X, y, idx = setup
    sgd = load_example(SGD)
    adam = load_example(ADAM)
    w0 = np.full(3, 0.5)
    return {"SGD + L2": sgd.sgd(X, y, LAM, "l2", LR, idx)[-1],
            "Adam + L2": adam.adam(X, y, LAM, "l2", LR, idx, w0, *BETAS),
            "AdamW": adam.adam(X, y, LAM, "adamw", LR, idx, w0, *BETAS)}


def test_keras_matches_numpy(setup, numpy_paths):
    """NumPy 的 SGD、Adam + L2、AdamW 与 Keras 的结果一致（相对误差 1e-10 以内）。"""
    import tensorflow as tf

    X, y, idx = setup
    old = tf.keras.backend.floatx()
    tf.keras.backend.set_floatx("float64")      # 学习率变量也用 float64
    try:
        keras = load_example(TF).compare(X, y, LAM, LR, idx, np.full(3, 0.5), BETAS)
    finally:
        tf.keras.backend.set_floatx(old)
    np.testing.assert_allclose(keras["SGD + L2"], numpy_paths["SGD + L2"], rtol=1e-12)
    np.testing.assert_allclose(keras["SGD(weight_decay)"], numpy_paths["SGD + L2"], rtol=1e-12)
    np.testing.assert_allclose(keras["Adam + L2"], numpy_paths["Adam + L2"], rtol=1e-10)
    np.testing.assert_allclose(keras["AdamW"], numpy_paths["AdamW"], rtol=1e-10)
    assert np.abs(keras["Adam + L2"] - keras["AdamW"]).max() > 0.01


def test_keras_adam_weight_decay_is_adamw(setup):
    """Keras 3 的 weight_decay 对所有优化器都是解耦的：Adam(weight_decay=λ) 就是 AdamW。"""
    import tensorflow as tf

    X, y, idx = setup
    run = load_example(TF).run_keras
    w0 = np.full(3, 0.5)
    a = run(X, y, tf.keras.optimizers.Adam(LR, weight_decay=LAM), 0.0, idx[:50], w0)
    b = run(X, y, tf.keras.optimizers.AdamW(LR, weight_decay=LAM), 0.0, idx[:50], w0)
    np.testing.assert_array_equal(a, b)


def test_float32_beta2_error():
    """0.999 转成 float32 后，1 − β₂ 的相对误差约 1e-5，所以与框架对照时超参数取二进制下能精确表示的值。"""
    err = abs((1 - float(np.float32(0.999))) / 0.001 - 1)
    assert 1e-5 < err < 2e-5


def test_keras_l2_regularizer_has_no_one_half():
    """``keras.regularizers.L2(c)`` 算的是 c‖w‖²，没有 1/2。"""
    import tensorflow as tf

    w = tf.constant([1.0, -2.0, 3.0], tf.float64)
    assert float(tf.keras.regularizers.L2(0.5)(w)) == pytest.approx(0.5 * 14.0)


def test_mxnet_matches_numpy(setup, numpy_paths):
    """NumPy 的实现与 MXNet 的 ``sgd``（wd）、``adam``（wd）、``contrib.adamw_update`` 一致；Adam 类的步长以 float32 传入算子，容差 1e-6。"""
    X, y, idx = setup
    code = (
        "import numpy as np\n"
        "m = load_example('basics/weight_decay/weight_decay_mxnet.py')\n"
        f"X, y = m.make_data(seed=0)\n"
        f"idx = [np.array(i) for i in {json.dumps([i.tolist() for i in idx])}]\n"
        f"out = m.compare(X, y, {LAM}, {LR}, idx, np.full(3, 0.5), {BETAS})\n"
        "print(json.dumps({k: v.tolist() for k, v in out.items()}))\n"
    )
    mx = {k: np.array(v) for k, v in in_mxnet(code).items()}
    np.testing.assert_array_equal(load_example(SGD).make_data(seed=0)[0], X)
    # SGD：lr、wd 是 2 的幂，float32 传参无舍入，float64 下逐位一致
    np.testing.assert_allclose(mx["SGD(wd)"], numpy_paths["SGD + L2"], rtol=1e-12)
    # Adam：含偏差修正的步长 α_t 以 float32 传入 C++ 算子，每步相对误差 < 6e-8
    np.testing.assert_allclose(mx["Adam(wd)"], numpy_paths["Adam + L2"], rtol=1e-6)
    np.testing.assert_allclose(mx["contrib.adamw_update"], numpy_paths["AdamW"], rtol=1e-6)
    assert np.abs(mx["Adam(wd)"] - numpy_paths["AdamW"]).max() > 0.01


def test_framework_examples_agree_with_each_other():
    """TensorFlow 与 MXNet 两个示例打印的权重逐位相同，SGD 的权重也与 NumPy 示例相同。"""
    tf_out = run_example(TF)
    mx_out = run_example(MX)
    assert metric(tf_out, "SGD：L2 与 weight_decay 的最大差异") < 1e-12
    assert metric(tf_out, "Adam：L2 与 AdamW 的最大差异") == pytest.approx(
        metric(mx_out, "Adam(wd) 与 AdamW 的最大差异"), abs=1e-4)
    sgd_line = next(line for line in run_example(SGD).splitlines() if line.startswith("SGD 的最终权重"))
    tf_sgd = next(line for line in tf_out.splitlines() if line.startswith("SGD + L2 的权重"))
    assert sgd_line.split(":", 1)[1] == tf_sgd.split(":", 1)[1]
    for tf_name, mx_name in (("SGD(weight_decay)", "SGD(wd)"), ("Adam + L2", "Adam(wd)"),
                             ("AdamW", "contrib.adamw_update")):
        tf_line = next(line for line in tf_out.splitlines() if line.startswith(tf_name + " 的权重"))
        mx_line = next(line for line in mx_out.splitlines() if line.startswith(mx_name + " 的权重"))
        assert tf_line.split(":", 1)[1] == mx_line.split(":", 1)[1], (tf_line, mx_line)


# ------------------------------------------------------------------ 动量、各个 MXNet 优化器、AdamW 的约定

def test_momentum_sgd_l2_is_not_decoupled_decay_in_keras_and_mxnet(setup):
    """带动量时，Keras 的 ``SGD(momentum, weight_decay=λ)`` 是解耦的 SGDW，MXNet 的 ``sgd(momentum, wd=λ)`` 是 L2，两者不同。"""
    import tensorflow as tf

    X, y, idx = setup
    m = load_example(SGD)
    l2 = m.sgd(X, y, LAM, "l2", LR, idx, momentum=0.875)[-1]
    decoupled = m.sgd(X, y, LAM, "decay", LR, idx, momentum=0.875)[-1]
    old = tf.keras.backend.floatx()
    tf.keras.backend.set_floatx("float64")
    try:
        keras = load_example(TF).compare(X, y, LAM, LR, idx, np.full(3, 0.5), BETAS, momentum=0.875)
    finally:
        tf.keras.backend.set_floatx(old)
    np.testing.assert_allclose(keras["动量 SGD(weight_decay)"], decoupled, rtol=1e-12)
    np.testing.assert_allclose(keras["动量 SGD + L2"], l2, rtol=1e-12)
    mx = np.array(call_mxnet("weight_decay.momentum_sgd_paths", lam=LAM, lr=LR, steps=STEPS, momentum=0.875))
    np.testing.assert_allclose(mx, l2, rtol=1e-12)
    assert np.abs(l2 - decoupled).max() > 0.05


def test_each_mxnet_optimizer_uses_wd_as_the_page_says():
    """MXNet 1.9.1：``sgd``、``rmsprop``、``adam`` 把 wd·w 加进梯度，``adagrad`` 在步长之外解耦衰减，``nag`` 两者都不是（动量里用更新后的权重）。"""
    out = run_example("basics/weight_decay/wd_mxnet_optimizers.py")
    verdicts = dict(re.findall(r"^(\S+) 的 wd: (.+?)。", out, re.M))
    l2, decoupled = "L2（加进梯度）", "解耦（单独减去 ηλw）"
    assert verdicts == {"sgd": "两种写法相同", "sgd(momentum)": l2, "nag": "两种都不是",
                        "adagrad": decoupled, "rmsprop": l2, "adam": l2}, verdicts
    checks = {"nag": call_mxnet("weight_decay.nag_in_place_decay"), "adagrad": call_mxnet("weight_decay.adagrad_source_line")}
    assert checks["nag"]["in_place"] < 1e-6 < checks["nag"]["l2"]
    assert "weight[:] += (div + weight * wd) * -lr" in checks["adagrad"]


def test_one_adamw_convention_site_wide():
    """全站的 AdamW 都按 Keras、PyTorch 的约定每步减去 ηλw：优化器一章与权重衰减一章的两个 NumPy 实现逐步相同。"""
    opt = load_example("basics/optimizers/optimizers_numpy.py")
    m = load_example(ADAM)
    X, y = m.make_data(seed=0)
    idx = m.batches(len(y), 20, 40, seed=0)
    w0 = np.full(3, 0.5)
    a = opt.AdamW(lr=LR, beta1=0.9, beta2=0.999, eps=1e-7, weight_decay=LAM, eps_hat=True)
    w = w0.copy()
    for i in idx:
        w = a.step(w, m.grad_mse(w, X[i], y[i]))
    np.testing.assert_allclose(w, m.adam(X, y, LAM, "adamw", LR, idx, w0=w0), rtol=1e-13)
    # λ 与学习率相乘：同一个 λ、学习率减半时，每步的衰减也减半
    one = opt.AdamW(lr=0.5, weight_decay=0.25)
    assert one.step(np.ones(1), np.zeros(1))[0] == pytest.approx(1 - 0.5 * 0.25)
