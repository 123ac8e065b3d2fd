"""优化器一章：从零实现的更新规则 = Keras = gluon.Trainer（逐步比较），以及页面上每个公式。"""

import numpy as np
import pytest

from support import call_mxnet, load_example, metric, run_example

NAMES = ["GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"]
# 二进制下精确可表示的超参数：Keras 在偏差修正里把 β 转成 float32，MXNet 把 lr、动量等以 float32
# 传给算子；选这些数可以让 float64 的比较只剩舍入误差。
EXACT = {
    "GD": dict(lr=0.0009765625),
    "Momentum": dict(lr=0.0009765625, momentum=0.875),
    "Nesterov": dict(lr=0.0009765625, momentum=0.875),
    "AdaGrad": dict(lr=0.125, eps=2.0 ** -20, initial_accumulator=0.0),
    "RMSProp": dict(lr=0.0625, rho=0.875, eps=2.0 ** -20),
    "Adam": dict(lr=0.0625, beta1=0.875, beta2=0.998046875, eps=2.0 ** -20, eps_hat=True),
    "AdamW": dict(lr=0.0625, beta1=0.875, beta2=0.998046875, eps=2.0 ** -20,
                  weight_decay=0.0078125, eps_hat=True),
}
W0 = [-1.2, 1.0]
STEPS = 30


def rosen_grad(w):
    x, y = w
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


@pytest.fixture(scope="module")
def opt():
    return load_example("basics/optimizers/optimizers_numpy.py")


@pytest.fixture(scope="module")
def opt_tf():
    return load_example("basics/optimizers/optimizers_tf.py")


@pytest.fixture(scope="module")
def mx_paths():
    return call_mxnet("optimizers.trajectories", hyper=EXACT, w0=W0, steps=STEPS)


# ---------- 公式本身 ----------

def test_nesterov_reparametrisation_equals_lookahead_form(opt):
    """Nesterov 动量的原始写法（在前瞻点求梯度）与换元写法的前瞻点序列逐步相同，且与普通动量不同。"""
    h = dict(lr=0.001, momentum=0.9)
    path = opt.trajectory("Nesterov", h, W0, 50, grad_fn=rosen_grad)
    look = opt.nesterov_lookahead(rosen_grad, W0, steps=50, **h)
    np.testing.assert_allclose(path[1:], look, rtol=1e-12, atol=1e-12)
    plain = opt.trajectory("Momentum", h, W0, 50, grad_fn=rosen_grad)
    assert np.abs(plain[1:] - look).max() > 1e-3  # 与普通动量确实不同


def test_momentum_velocity_tends_to_lr_over_one_minus_mu(opt):
    """梯度恒定时，动量法的速度趋于 −ηg/(1 − μ)。"""
    m = opt.Momentum(lr=0.1, momentum=0.9)
    g, w = np.array([1.0, -2.0]), np.zeros(2)
    for _ in range(500):
        w = m.step(w, g)
    np.testing.assert_allclose(m.v, -0.1 * g / (1 - 0.9), rtol=1e-12)


def test_adam_bias_correction_and_first_step(opt):
    """偏差修正：梯度恒为 g 时 m_t = (1 − β₁ᵗ)g，除以 1 − β₁ᵗ 正好还原 g；第一步的位移约为 α·sign(g)，与梯度尺度无关。"""
    a = opt.Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8)
    g = np.array([3.0, -0.5])
    for t in range(1, 20):
        a.step(np.zeros(2), g)
        np.testing.assert_allclose(a.m, (1 - 0.9 ** t) * g, rtol=1e-12)
        np.testing.assert_allclose(a.m / (1 - 0.9 ** t), g, rtol=1e-12)
    for scale in (1e-3, 1.0, 1e3):  # 第一步位移约为 α·sign(g)，与梯度尺度无关
        step = opt.Adam(lr=0.01).step(np.zeros(2), scale * np.array([1.0, -1.0]))
        np.testing.assert_allclose(step, [-0.01, 0.01], rtol=1e-4)


def test_adam_algorithm1_equals_efficient_form_with_scaled_eps(opt):
    """Adam 论文的算法 1 与第 2 节末的高效写法在 ε̂ = ε√(1 − β₂ᵗ) 时逐步相同；固定 ε̂ = ε 时两者确实不同。"""
    b1, b2, lr, eps = 0.9, 0.999, 0.05, 1e-3
    path = opt.trajectory("Adam", dict(lr=lr, beta1=b1, beta2=b2, eps=eps), W0, 40, grad_fn=rosen_grad)
    w, m, v = np.array(W0), 0.0, 0.0
    for t in range(1, 41):
        g = rosen_grad(w)
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        eps_hat = eps * np.sqrt(1 - b2 ** t)
        w = w - lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (np.sqrt(v) + eps_hat)
        np.testing.assert_allclose(path[t], w, rtol=1e-12)
    other = opt.trajectory("Adam", dict(lr=lr, beta1=b1, beta2=b2, eps=eps, eps_hat=True), W0, 40,
                           grad_fn=rosen_grad)
    assert np.abs(other - path).max() > 1e-6  # 固定 ε̂ = ε 时两种写法确实不同


def test_adamw_decay_is_decoupled(opt):
    """AdamW 的一步 = Adam 的一步 − ηλw（m、v 只由损失的梯度决定）；λ = 0 时与 Adam 完全相同。"""
    h = dict(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8)
    aw, a = opt.AdamW(weight_decay=0.1, **h), opt.Adam(**h)
    w = np.array([2.0, -3.0])
    for _ in range(5):
        g = rosen_grad(w)
        w_new = aw.step(w, g)
        np.testing.assert_allclose(w_new, a.step(w, g) - 0.01 * 0.1 * w, rtol=1e-14)  # ηλw
        w = w_new
    zero = opt.trajectory("AdamW", dict(h, weight_decay=0.0), W0, 20, grad_fn=rosen_grad)
    np.testing.assert_array_equal(zero, opt.trajectory("Adam", h, W0, 20, grad_fn=rosen_grad))


# ---------- NumPy = Keras = gluon.Trainer ----------

@pytest.mark.parametrize("name", NAMES)
def test_numpy_equals_keras_stepwise(opt, opt_tf, name):
    """七个优化器的 NumPy 实现与 Keras 在 Rosenbrock 函数上各走 30 步，每一步的参数相对误差不超过 1e-12（float64，超参数取二进制下能精确表示的值）。"""
    import tensorflow as tf

    def rosen_tf(w):
        return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2

    mine = opt.trajectory(name, EXACT[name], W0, STEPS, grad_fn=rosen_grad)
    keras_path = opt_tf.trajectory(name, EXACT[name], W0, STEPS, loss=rosen_tf)
    assert keras_path.dtype == np.float64 and tf.keras.config.floatx() == "float32"
    np.testing.assert_allclose(keras_path, mine, rtol=1e-12, atol=1e-12)
    assert np.abs(mine[-1] - mine[0]).max() > 0.05  # 确实走了一段路


def test_keras_bias_correction_uses_float32_betas(opt_tf):
    """页面上的说法：Keras 在偏差修正里用 float32 的 β（更新 m、v 时用原值）。"""
    b1, b2, lr, eps = 0.9, 0.999, 0.01, 1e-7
    h = dict(lr=lr, beta1=b1, beta2=b2, eps=eps, eps_hat=True)
    keras_path = opt_tf.trajectory("Adam", h, W0, 20, loss=lambda w: (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2)
    f1, f2 = float(np.float32(b1)), float(np.float32(b2))
    for betas, expect_equal in (((f1, f2), True), ((b1, b2), False)):
        w, m, v = np.array(W0), 0.0, 0.0
        for t in range(1, 21):
            g = rosen_grad(w)
            m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
            w = w - lr * np.sqrt(1 - betas[1] ** t) / (1 - betas[0] ** t) * m / (np.sqrt(v) + eps)
        assert np.allclose(keras_path[-1], w, rtol=1e-13, atol=0) == expect_equal


def test_keras_adam_has_only_the_eps_hat_form(opt_tf):
    """Keras 的 Adam 只有 ε̂ 写法（ε 加在未修正的 √v 上），要求算法 1 的写法时示例明确报错。"""
    with pytest.raises(ValueError):
        opt_tf.make_optimizer("Adam", dict(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=False))


@pytest.mark.parametrize("name", NAMES)
def test_numpy_equals_mxnet_stepwise(opt, mx_paths, name):
    """七个优化器的 NumPy 实现与 MXNet 的 ``gluon.Trainer`` 逐步相同：SGD 类用 float64、相对误差 1e-12；Adam 类的步长以 float32 传入算子，容差 1e-6；AdaGrad、RMSProp 的状态只能是 float32，在 float32 下比较。"""
    mine = opt.trajectory(name, EXACT[name], W0, STEPS, grad_fn=rosen_grad)
    theirs = np.array(mx_paths[name])
    # float64：SGD 类逐位一致；Adam 类的有效步长 α_t 以 float32 传入算子；AdaGrad、RMSProp 只能用 float32
    tol = {"Adam": 1e-6, "AdamW": 1e-6, "AdaGrad": 1e-5, "RMSProp": 1e-5}.get(name, 1e-12)
    np.testing.assert_allclose(theirs, mine, rtol=tol, atol=tol)


def test_mxnet_conventions_stated_on_the_page():
    """页面上的 MXNet 约定：1.9 没有注册 AdamW；学习率以 float32 传入算子；AdaGrad、RMSProp 的状态固定为 float32；``adam`` 的 wd 是加进梯度的 L2；各默认值与页面相同。"""
    out = call_mxnet("optimizers.conventions")
    assert out["registered_before"] is False  # MXNet 1.9 没有注册 AdamW
    lr32 = float(np.float32(0.1))
    g = 2 * np.array([1.0, 20.0]) * np.array([1.0, -2.0]) / 2
    np.testing.assert_allclose(out["one"], np.array([1.0, -2.0]) - lr32 * g, rtol=1e-15)
    assert abs(out["one"][0] - (1.0 - 0.1 * g[0])) > 1e-9  # 学习率确实被舍入成 float32
    assert out["state64"] == {"AdaGrad": "error", "RMSProp": "error"}  # 状态数组固定为 float32
    assert out["rms"] == [0.9, 1e-8] and out["adam_eps"] == 1e-8 and out["adagrad_eps"] == 1e-7
    opt = load_example("basics/optimizers/optimizers_numpy.py")
    a, w = opt.Adam(lr=0.0625, beta1=0.875, beta2=0.998046875, eps=2.0 ** -20, eps_hat=True), np.array(W0)
    for row in out["adam_wd"]:
        w = a.step(w, rosen_grad(w) + 0.25 * w)
        np.testing.assert_allclose(row, w, rtol=1e-6)


def test_keras_defaults_stated_on_the_page():
    """页面上的 Keras 默认值：Adagrad 的累积量初值 0.1、ε = 1e-7，RMSprop 的 ρ = 0.9、ε = 1e-7，Adam 的 ε = 1e-7。"""
    import keras
    assert keras.optimizers.Adagrad().initial_accumulator_value == 0.1
    assert keras.optimizers.Adagrad().epsilon == 1e-7
    r = keras.optimizers.RMSprop()
    assert (r.rho, r.epsilon) == (0.9, 1e-7)
    assert keras.optimizers.Adam().epsilon == 1e-7


# ---------- 梯度下降的三种形式 ----------

@pytest.fixture(scope="module")
def gdv():
    return load_example("basics/optimizers/gd_variants_numpy.py")


def test_linear_regression_gradient_and_closed_form(gdv):
    """线性回归的梯度与数值微分一致，正规方程的解是驻点，全批量 GD 收敛到它。"""
    X, y = gdv.make_data()
    rng = np.random.default_rng(3)
    w = rng.normal(size=X.shape[1])
    h = 1e-6
    numeric = [(gdv.loss(w + h * e, X, y) - gdv.loss(w - h * e, X, y)) / (2 * h) for e in np.eye(len(w))]
    np.testing.assert_allclose(gdv.grad(w, X, y), numeric, rtol=1e-7)
    w_star = gdv.least_squares(X, y)
    np.testing.assert_allclose(gdv.grad(w_star, X, y), 0, atol=1e-12)
    gd = gdv.train(X, y, len(y), lr=0.3, epochs=300)
    np.testing.assert_allclose(gd[-1], w_star, atol=1e-8)


def test_equal_minibatch_gradients_average_to_full_gradient(gdv):
    """把打乱的训练集切成大小相同的批，同一个 w 处各批梯度的平均恰好等于全批量梯度。"""
    X, y = gdv.make_data()
    w = np.random.default_rng(1).normal(size=X.shape[1])
    batches = gdv.epoch_batches(len(y), 20, np.random.default_rng(0))
    assert sorted(np.concatenate(batches).tolist()) == list(range(len(y)))
    mean = np.mean([gdv.grad(w, X[b], y[b]) for b in batches], axis=0)
    np.testing.assert_allclose(mean, gdv.grad(w, X, y), rtol=1e-12)


def _floor(gdv, X, y, bs, lr, epochs=20):
    ws = gdv.train(X, y, bs, lr, epochs)
    best = gdv.loss(gdv.least_squares(X, y), X, y)
    tail = ws[len(ws) // 2:]
    return np.mean([gdv.loss(w, X, y) for w in tail]) - best


def test_sgd_noise_floor_grows_with_lr_and_shrinks_with_batch(gdv):
    """SGD 在最小点附近游走的幅度随学习率增大、随批量增大而减小。"""
    X, y = gdv.make_data()
    by_lr = [_floor(gdv, X, y, 1, lr) for lr in (0.01, 0.02, 0.05)]
    assert by_lr[0] < by_lr[1] < by_lr[2]
    by_bs = [_floor(gdv, X, y, bs, 0.05, epochs=40) for bs in (1, 4, 16)]
    assert by_bs[0] > by_bs[1] > by_bs[2]


def test_gd_and_minibatch_similar_per_update(gdv):
    """按更新次数看，GD 与小批量 GD 的前期损失曲线几乎重合。"""
    X, y = gdv.make_data()
    best = gdv.loss(gdv.least_squares(X, y), X, y)
    gd, mb = gdv.train(X, y, len(y), 0.05, 20), gdv.train(X, y, 16, 0.05, 20)
    for k in range(1, 21):
        a, b = gdv.loss(gd[k], X, y) - best, gdv.loss(mb[k], X, y) - best
        assert abs(a - b) / a < 0.15, k


def test_gd_variants_output(gdv):
    """三种梯度下降每轮的更新次数：全批量 1 次，SGD 200 次，批量 16 的小批量 13 次。"""
    out = run_example("basics/optimizers/gd_variants_numpy.py")
    best = metric(out, "最小二乘最优损失")
    assert metric(out, "全批量 GD 每轮更新次数") == 1
    assert metric(out, "SGD 每轮更新次数") == 200
    assert metric(out, "小批量 (B=16) 每轮更新次数") == 13
    gd, sgd, mb = (metric(out, f"{k} 最终损失") for k in ("全批量 GD", "SGD", "小批量 (B=16)"))
    assert best <= mb < best + 1e-3
    assert mb < sgd and mb < gd


def test_minibatch_sgd_numpy_keras_gluon_stepwise(gdv):
    """同一串小批量：Keras 对批内损失取平均；Gluon 逐样本求和后 trainer.step(B) 乘 1/B。"""
    import keras
    import tensorflow as tf

    X, y = gdv.make_data()
    lr, bs, epochs = 0.0625, 16, 3
    mine = gdv.train(X, y, bs, lr, epochs, seed=5)
    rng = np.random.default_rng(5)
    batches = [b.tolist() for _ in range(epochs) for b in gdv.epoch_batches(len(y), bs, rng)]
    w = tf.Variable(np.zeros(X.shape[1]))
    sgd = keras.optimizers.SGD(learning_rate=lr)  # 0.0625 在 float32 下精确
    mse = keras.losses.MeanSquaredError(dtype="float64")  # 默认按 floatx（float32）计算
    keras_path = [w.numpy().copy()]
    for b in batches:
        with tf.GradientTape() as tape:
            loss = 0.5 * mse(y[b][:, None], tf.matmul(X[b], w[:, None]))
        sgd.apply_gradients([(tape.gradient(loss, w), w)])
        keras_path.append(w.numpy().copy())
    np.testing.assert_allclose(keras_path, mine, rtol=1e-12, atol=1e-13)

    out = call_mxnet("optimizers.gluon_sgd_path", batches=batches, lr=lr)
    np.testing.assert_allclose(out, mine, rtol=1e-12, atol=1e-13)


# ---------- 示例的输出 ----------

def test_trajectory_examples_print_the_same_numbers():
    """NumPy、TensorFlow、MXNet 三个轨迹示例打印的终点坐标和损失相同。"""
    outs = [run_example(f"basics/optimizers/optimizers_{k}.py") for k in ("numpy", "tf", "mxnet")]
    for name in NAMES:
        for label in ("终点 x", "终点 y", "终点损失"):
            vals = [metric(o, f"{name} {label}") for o in outs]
            assert max(vals) - min(vals) <= 1.5e-4, (name, label, vals)


def test_trajectory_claims(opt):
    """页面对轨迹的描述：GD 沿 y 方向每一步都变号（来回震荡）；每个优化器 40 步后的损失都降到起点的 1% 以下；Nesterov 比普通动量收敛得更好。"""
    start = opt.loss(opt.START)
    gd = opt.trajectory("GD", opt.HYPER["GD"], opt.START, 40)
    assert np.all(gd[1:, 1] * gd[:-1, 1] < 0)  # GD 沿 y 方向每一步都变号：来回震荡
    finals = {n: opt.loss(opt.trajectory(n, opt.HYPER[n], opt.START, 40)[-1]) for n in NAMES}
    assert all(v < start / 100 for v in finals.values()), finals
    assert finals["Nesterov"] < finals["Momentum"]
    assert opt.HYPER == load_example("basics/optimizers/optimizers_tf.py").HYPER


def test_digits_tensorflow_equals_mxnet():
    """手写数字上，TensorFlow 与 MXNet 两个版本的训练损失和测试准确率一致，每个优化器的测试准确率都不低于 93%。"""
    tf_out = run_example("basics/optimizers/digits_tf.py")
    mx_out = run_example("basics/optimizers/digits_mxnet.py")
    for name in ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"]:
        a, b = metric(tf_out, f"{name} 训练损失"), metric(mx_out, f"{name} 训练损失")
        assert abs(a - b) <= 1e-3 + 1e-2 * a, (name, a, b)
        acc_tf, acc_mx = metric(tf_out, f"{name} 测试准确率"), metric(mx_out, f"{name} 测试准确率")
        assert abs(acc_tf - acc_mx) <= 2 / 450 + 1e-9, name
        assert acc_tf >= 0.93 and a < 0.1, name


@pytest.fixture(scope="module")
def lrs():
    return load_example("basics/optimizers/lr_sensitivity_numpy.py")


def test_quadratic_closed_form_and_stability_bound(lrs):
    """二次函数上 GD 的迭代等于闭式解 (1 − ηλᵢ)ᵗ；学习率略小于 2/λmax 时收敛，略大于时发散。"""
    for lr in np.linspace(0.001, 0.12, 37):
        np.testing.assert_allclose(lrs.gd_quadratic(lr, 50), lrs.gd_quadratic_closed_form(lr, 50), rtol=1e-10)
    bound = 2 / lrs.EIGS.max()
    start = 0.5 * np.sum(lrs.EIGS * lrs.W0 ** 2)
    assert lrs.gd_quadratic(0.99 * bound, 3000) < 1e-6 * start
    assert lrs.gd_quadratic(1.01 * bound, 3000) > 1e6 * start


def test_optimal_contraction_factor(lrs):
    """使收缩因子最小的学习率是 2/(λmin + λmax)，此时因子为 (κ − 1)/(κ + 1)。"""
    lam = lrs.EIGS
    grid = np.linspace(1e-4, 2 / lam.max(), 200001)
    rate = np.max(np.abs(1 - np.outer(grid, lam)), axis=1)
    kappa = lam.max() / lam.min()
    assert abs(grid[np.argmin(rate)] - 2 / (lam.min() + lam.max())) < 1e-5
    np.testing.assert_allclose(rate.min(), (kappa - 1) / (kappa + 1), rtol=1e-5)


def test_softmax_regression_gradient(lrs):
    """softmax 回归的解析梯度与中心差分一致。"""
    rng = np.random.default_rng(0)
    X, W = rng.normal(size=(7, 4)), rng.normal(size=(4, 3))
    Y = np.eye(3)[rng.integers(0, 3, 7)]
    _, g = lrs.softmax_loss_grad(W, X, Y)
    h, num = 1e-6, np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[idx] = h
        num[idx] = (lrs.softmax_loss_grad(W + E, X, Y)[0] - lrs.softmax_loss_grad(W - E, X, Y)[0]) / (2 * h)
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-9)


def test_lr_sensitivity_output(lrs):
    """学习率扫描：稳定界和最优学习率与公式一致；三条曲线都是 U 形，动量的最优学习率比 SGD 小。"""
    out = run_example("basics/optimizers/lr_sensitivity_numpy.py")
    lam = lrs.EIGS
    assert metric(out, "稳定界 2/λmax") == pytest.approx(2 / lam.max(), abs=1e-4)
    assert metric(out, "最优学习率 2/(λmin+λmax)") == pytest.approx(2 / lam.sum(), abs=1e-4)
    assert metric(out, "扫描得到的最优学习率") == pytest.approx(2 / lam.sum(), abs=0.01)
    best = {m: metric(out, f"{m} 最优学习率") for m in ("SGD", "Momentum", "Adam")}
    grid = np.logspace(-4, 1, 11)
    assert all(grid[0] * 1.01 < b < grid[-1] * 0.99 for b in best.values()), best  # U 形：最优点在内部
    assert best["Momentum"] < best["SGD"]
    assert all(metric(out, f"{m} 最低训练损失") < 0.05 for m in best)



def test_mxnet_nag_state_is_the_velocity():
    """MXNet 的 ``nag`` 存的状态就是速度 v：v ← μv − ηg，w ← w + μv − ηg（换元写法）。"""
    w0, g, v0, lr, mu = [1.0, -2.0], [0.5, 0.25], [0.3, -0.1], 0.125, 0.5
    w, v = call_mxnet("optimizers.nag_one_step", w0=w0, g=g, v0=v0, lr=lr, momentum=mu)
    v_new = mu * np.array(v0) - lr * np.array(g)
    np.testing.assert_allclose(v, v_new, rtol=1e-15)
    np.testing.assert_allclose(w, np.array(w0) + mu * v_new - lr * np.array(g), rtol=1e-15)
