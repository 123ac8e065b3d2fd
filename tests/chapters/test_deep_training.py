"""训练深度网络一章：初始化、暂退法、批量归一化、学习率调度、早停；NumPy = Keras = MXNet。"""
import re

import numpy as np
import pytest
from scipy import stats

from support import ROOT, in_mxnet, load_example, metric, run_example

D = "basics/deep_training/"
N_IN, N_OUT = 300, 200


def values(out, prefix):
    """``前缀: 名字 数值, 名字 数值, …`` 一行 → {名字: 数值}。"""
    line = next(ln for ln in out.splitlines() if ln.startswith(prefix + ":"))
    parts = (part.rsplit(" ", 1) for part in line[len(prefix) + 1:].split(", "))
    return {name.strip(): float(value) for name, value in parts}


def mxnet_side(call):
    """在 MXNet 环境里调用 tests/mxnet_side/deep_training.py 的一个函数，返回它的 JSON 结果。"""
    code = (f"sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
            "from mxnet_side import deep_training as side\n"
            f"print(json.dumps(side.{call}))\n")
    return in_mxnet(code)


# ------------------------------------------------------------------ 初始化

def test_variance_ratio_per_layer_matches_the_rule():
    """每层 E[z²] 之比 = n·σ²·(E[f(z)²]/E[z²])：ReLU 取 1/2，小 σ 的 tanh 取 1。"""
    m = load_example(D + "init_depth_numpy.py")
    n = 128
    ratio = lambda z_sq: np.exp(np.mean(np.diff(np.log(z_sq))))          # noqa: E731
    cases = {("ReLU", "过小 (σ=0.01)"): n * 1e-4 / 2, ("ReLU", "过大 (σ=1)"): n / 2,
             ("ReLU", "Xavier"): 0.5, ("ReLU", "He"): 1.0, ("tanh", "过小 (σ=0.01)"): n * 1e-4}
    for (act, init), expected in cases.items():
        _, _, z_sq = m.propagate(init, act, depth=30, width=n)
        assert ratio(z_sq) == pytest.approx(expected, rel=0.05), (act, init)
    for init in ("Xavier", "He"):                    # tanh 压缩大的值：比值略小于 1，信号慢慢变小
        _, _, z_sq = m.propagate(init, "tanh", depth=30, width=n)
        assert 0.8 < ratio(z_sq) < 1


def test_init_example_output():
    out = run_example(D + "init_depth_numpy.py")
    he = values(out, "ReLU + He")
    assert 0.5 < he["末层激活标准差"] < 2 and 0.5 < he["第 1 层梯度标准差"] < 3
    xavier = values(out, "ReLU + Xavier")
    assert xavier["末层激活标准差"] < 1e-3 and xavier["第 1 层梯度标准差"] < 1e-3
    assert values(out, "ReLU + 过大 (σ=1)")["第 1 层梯度标准差"] > 1e20
    assert values(out, "tanh + 过小 (σ=0.01)")["末层激活标准差"] < 1e-20
    assert values(out, "tanh + 过大 (σ=1)")["第 1 层梯度标准差"] > 1e6
    # tanh：前向 He 比 Xavier 保持得好，但反向 He 每层 > 1（指数增长），Xavier < 1 且越深越慢
    th, tx = values(out, "tanh + He"), values(out, "tanh + Xavier")
    assert tx["每层 E[z²] 之比"] < th["每层 E[z²] 之比"] < 1
    assert th["反向每层梯度方差之比"] > 1.05 and 0.8 < tx["反向每层梯度方差之比"] < 1
    for init in ("Xavier", "He"):                    # ReLU 的反向比值与前向相同：n·σ²/2
        r = values(out, f"ReLU + {init}")
        assert r["反向每层梯度方差之比"] == pytest.approx(r["每层 E[z²] 之比"], rel=0.05)
    deep = {d: values(out, f"tanh {d} 层") for d in (100, 200)}
    he = [th["第 1 层梯度标准差"]] + [deep[d]["He"] for d in (100, 200)]
    xavier = [tx["第 1 层梯度标准差"]] + [deep[d]["第 1 层梯度标准差 Xavier"] for d in (100, 200)]
    assert he[0] > 2 and he[1] > 10 * he[0] and he[2] > 30 * he[1]                 # 30 → 100 → 200 层：指数增长
    assert 1 > xavier[0] > xavier[1] > xavier[2] > xavier[0] / 20                 # 缓慢变小


def test_constant_initialisation_keeps_hidden_units_identical():
    """权重全取 0 或同一个常数：训练后隐藏单元仍然只有 1 种，准确率接近随机猜测；随机初始化则各不相同。"""
    out = run_example(D + "symmetry_numpy.py")
    zero, const, rand = (values(out, k) for k in ("全取 0", "全取 0.1", "随机（Xavier）"))
    assert metric(out, "隐藏单元个数") == 32
    assert zero["互不相同的隐藏单元数"] == const["互不相同的隐藏单元数"] == 1
    assert zero["第一层权重的最大绝对值"] == 0
    assert rand["互不相同的隐藏单元数"] == 32 and rand["验证准确率"] > 0.9
    assert max(zero["验证准确率"], const["验证准确率"]) < 0.3
    m = load_example(D + "symmetry_numpy.py")              # 计数函数本身：两列相同就算一种
    W = np.array([[1.0, 1.0, 2.0], [3.0, 3.0, 3.0]])
    assert m.distinct_units(W, np.zeros(3)) == 2 and m.distinct_units(W, np.array([0.0, 1.0, 0.0])) == 3


def _same_distribution(a, b):
    return stats.ks_2samp(np.ravel(a), np.ravel(b)).pvalue


def _variance_ok(w, var):
    """样本方差在 5 个标准误之内；标准误 √((κ−1)/n)·σ²，κ ≤ 3（正态、截断正态、均匀分布的峰度）。"""
    return abs(np.var(w) / var - 1) < 5 * np.sqrt(2 / np.size(w))


@pytest.fixture(scope="module")
def numpy_inits():
    m = load_example(D + "init_depth_numpy.py")
    rng = np.random.default_rng(1)
    return m, {"glorot_uniform": m.glorot_uniform(N_IN, N_OUT, rng),
               "glorot_normal": m.glorot_normal(N_IN, N_OUT, rng),
               "glorot_truncated": m.glorot_normal(N_IN, N_OUT, rng, truncated=True),
               "he_normal": m.he_normal(N_IN, N_OUT, rng),
               "he_truncated": m.he_normal(N_IN, N_OUT, rng, truncated=True),
               "he_uniform": m.he_uniform(N_IN, N_OUT, rng)}


def test_numpy_initializers_have_the_stated_variance(numpy_inits):
    m, w = numpy_inits
    glorot, he = 2 / (N_IN + N_OUT), 2 / N_IN
    for name, var in (("glorot_uniform", glorot), ("glorot_normal", glorot), ("glorot_truncated", glorot),
                      ("he_normal", he), ("he_truncated", he), ("he_uniform", he)):
        assert _variance_ok(w[name], var), name
    assert np.abs(w["he_truncated"]).max() <= 2 * np.sqrt(he) / m.TRUNC_STD
    # 截断在 ±2 的标准正态分布的标准差就是这个常数
    a, b = -2.0, 2.0
    assert stats.truncnorm(a, b).std() == pytest.approx(m.TRUNC_STD, rel=1e-12)


def test_numpy_initializers_match_keras(numpy_inits):
    """两样本 KS 检验（各 6 万个样本，固定种子）：同分布的 p 值不小，换错尺度或忘了截断 p 值极小。"""
    _, w = numpy_inits
    keras = {k: v for k, (v, _) in load_example(D + "initializers_tf.py").keras_samples(N_IN, N_OUT).items()}
    pairs = {"GlorotUniform": "glorot_uniform", "GlorotNormal": "glorot_truncated",
             "HeNormal": "he_truncated", "HeUniform": "he_uniform"}
    for k, n in pairs.items():
        assert keras[k].shape == (N_IN, N_OUT)
        assert _same_distribution(keras[k], w[n]) > 1e-3, k
    assert _same_distribution(keras["HeNormal"], w["he_normal"]) < 1e-6          # 没截断：能分辨
    assert _same_distribution(keras["HeNormal"], w["glorot_truncated"]) < 1e-6   # 尺度不对：能分辨
    assert _same_distribution(keras["GlorotUniform"], w["glorot_truncated"]) < 1e-6


def test_numpy_initializers_match_mxnet(numpy_inits):
    _, w = numpy_inits
    mx = {k: np.array(v) for k, v in mxnet_side(f"initializer_samples({N_IN}, {N_OUT})").items()}
    pairs = {"Glorot 均匀 Xavier('uniform','avg',3)": "glorot_uniform",
             "Glorot 正态 Xavier('gaussian','avg',1)": "glorot_normal",
             "He 正态 Xavier('gaussian','in',2)": "he_normal",
             "He 均匀 Xavier('uniform','in',6)": "he_uniform"}
    assert set(mx) == set(pairs)
    for k, n in pairs.items():
        assert _same_distribution(mx[k], w[n]) > 1e-3, k
    # MXNet 的正态不截断：与截断版本能分辨
    assert _same_distribution(mx["He 正态 Xavier('gaussian','in',2)"], w["he_truncated"]) < 1e-6


def test_initializer_examples_output():
    tf_out, mx_out = run_example(D + "initializers_tf.py"), run_example(D + "initializers_mxnet.py")
    assert "Dense 默认的权重初始化器: GlorotUniform" in tf_out
    assert metric(mx_out, "默认初始化 Uniform(0.07) 的最大绝对值") <= 0.07
    for line in (tf_out + mx_out).splitlines():
        if "样本方差" in line:
            v = values(line, line.split(": ", 1)[0])
            assert abs(v["样本方差"] / v["公式"] - 1) < 5 * np.sqrt(2 / (N_IN * N_OUT)), line


# ------------------------------------------------------------------ 暂退法

P = 0.3


def make_dropout_input(seed=5):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 1.5, size=(400, 500)).astype(np.float32)     # 全为正：输出 0 ⇔ 被丢弃
    return x, rng.normal(size=x.shape).astype(np.float32)


@pytest.fixture(scope="module")
def dropout_input():
    return make_dropout_input()


def _check_dropout(m, x, g, y, grad, y_eval):
    """还原掩码后逐元素核对：输出 = x⊙ξ/(1−p)，梯度 = g⊙ξ/(1−p)，推理模式是恒等映射。"""
    mask = y != 0
    np.testing.assert_allclose(y, m.dropout_forward(x, P, mask=mask)[0], rtol=1e-6)
    np.testing.assert_allclose(grad, m.dropout_backward(g, mask, P), rtol=1e-6)
    np.testing.assert_array_equal(y_eval, x)
    # 掩码确实是以概率 1−p 保留的：保留比例在二项分布的 5 个标准差之内
    assert abs(mask.mean() - (1 - P)) < 5 * np.sqrt(P * (1 - P) / mask.size)


def test_numpy_dropout_mechanics():
    m = load_example(D + "dropout_numpy.py")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 300))
    y, mask = m.dropout_forward(x, P, rng)
    assert abs(mask.mean() - (1 - P)) < 5 * np.sqrt(P * (1 - P) / mask.size)
    np.testing.assert_array_equal(y[~mask], 0)
    np.testing.assert_allclose(y[mask], x[mask] / (1 - P), rtol=1e-15)
    assert m.dropout_forward(x, P, rng, training=False)[0] is x
    assert m.dropout_backward(x, None, P) is x
    out = run_example(D + "dropout_numpy.py")
    assert metric(out, "输出均值 / 输入均值") == pytest.approx(1, abs=0.01)
    assert metric(out, "推理时输出与输入的最大差异") == 0
    grad = values(out, "x(3, 7) 处梯度")
    assert grad["反向传播"] == pytest.approx(grad["中心差分"], abs=1e-6)


def test_keras_dropout_equals_numpy(dropout_input):
    x, g = dropout_input
    m = load_example(D + "dropout_numpy.py")
    _check_dropout(m, x, g, *load_example(D + "dropout_tf.py").keras_dropout(x, g, P, seed=3))


def test_gluon_dropout_equals_numpy(dropout_input):
    x, g = dropout_input
    m = load_example(D + "dropout_numpy.py")
    out = mxnet_side(f"dropout({P}, seed=3)")          # 同一个 PCG64 种子，在 MXNet 环境里生成同样的 x、g
    np.testing.assert_array_equal(np.array(out["x"], dtype=np.float32), x)
    _check_dropout(m, x, g, *(np.array(out[k], dtype=np.float32) for k in ("y", "grad", "eval")))


def test_dropout_framework_examples():
    for rel in ("dropout_tf.py", "dropout_mxnet.py"):
        out = run_example(D + rel)
        assert metric(out, "输出与 x⊙ξ/(1-p) 的最大差异") < 1e-6
        assert metric(out, "梯度与 g⊙ξ/(1-p) 的最大差异") < 1e-6
        assert metric(out, "推理模式与输入的最大差异") == 0


def test_dropout_overfitting_experiment():
    out = run_example(D + "dropout_overfit.py")
    plain, drop = values(out, "不加暂退法"), values(out, "暂退法 p=0.5")
    assert plain["训练损失"] < 0.02 < 0.2 < plain["验证损失"]          # 不加暂退法：训练集几乎背下来
    assert plain["验证损失"] < 1.05 * plain["最低验证损失"]              # 验证损失停住，而不是明显回升
    assert drop["训练损失"] < 0.02                                       # 加了暂退法，训练集照样背得下来
    assert 0.8 * plain["最低验证损失"] < drop["最低验证损失"] < 0.9 * plain["最低验证损失"]   # 正文：约低 15%
    assert abs(drop["验证准确率"] - plain["验证准确率"]) < 0.02         # 准确率没有提高


# ------------------------------------------------------------------ 批量归一化

@pytest.fixture(scope="module")
def bn_data():
    rng = np.random.default_rng(7)
    batches = [rng.normal(3, 2, size=(16, 4)).astype(np.float32) for _ in range(6)]
    gamma, beta = np.float32([1.5, 0.5, 2.0, 1.0]), np.float32([0.1, -0.2, 0.3, 0.0])
    return batches, gamma, beta, rng.normal(size=(16, 4)).astype(np.float32)


def test_batchnorm_backward_matches_finite_differences():
    m = load_example(D + "batchnorm_numpy.py")
    rng = np.random.default_rng(3)
    x, gamma, beta = rng.normal(1, 3, (10, 3)), rng.normal(size=3), rng.normal(size=3)
    w = rng.normal(size=(10, 3))
    loss = lambda x, g, b: np.sum(w * m.batchnorm_forward(x, g, b, 1e-5)[0])      # noqa: E731
    dx, dgamma, dbeta = m.batchnorm_backward(w, m.batchnorm_forward(x, gamma, beta, 1e-5)[1])
    for arg, grad in ((0, dx), (1, dgamma), (2, dbeta)):
        for i in np.ndindex(grad.shape):
            plus, minus = [x.copy(), gamma.copy(), beta.copy()], [x.copy(), gamma.copy(), beta.copy()]
            plus[arg][i] += 1e-6
            minus[arg][i] -= 1e-6
            assert (loss(*plus) - loss(*minus)) / 2e-6 == pytest.approx(grad[i], abs=1e-7)
    y = m.batchnorm_forward(x, gamma, beta, 1e-5)[0]
    np.testing.assert_allclose(y.mean(axis=0), beta, atol=1e-12)       # 训练模式：每列均值 β、
    np.testing.assert_allclose(y.std(axis=0), np.abs(gamma) * np.sqrt(x.var(0) / (x.var(0) + 1e-5)))
    out = run_example(D + "batchnorm_numpy.py")
    for name in ("x", "γ", "β"):
        assert metric(out, f"∂L/∂{name} 与中心差分的最大差异") < 1e-7
    after_100 = float(re.search(r"momentum=0.99: .*100 步后 ([\d.]+)", out).group(1))
    assert after_100 == pytest.approx(5 * (1 - 0.99 ** 100), abs=0.1)           # 滑动均值 ≈ 5(1 − ρᵗ)
    lines = re.findall(r"滑动方差 ([\d.]+), 期望 ([\d.]+), 批量噪声的标准差约 ([\d.]+)", out)
    assert len(lines) == 2
    rho_t = [0.9 ** 300, 0.99 ** 300]
    for (got, expected, noise), r in zip(lines, rho_t):
        got, expected, noise = float(got), float(expected), float(noise)
        assert expected == pytest.approx(r + (1 - r) * 31 / 32 * 4, abs=1e-3)   # (m−1)/m·4 = 3.875，从 1 出发
        assert abs(got - expected) < 2 * noise and got < 4                      # 在噪声以内，低于真实方差 4


def _check_framework_bn(m, out, batches, gamma, beta, upstream, momentum, eps, atol):
    outputs, mean, var = m.train_steps([b.astype(np.float64) for b in batches], gamma, beta, momentum, eps)
    for got, want in zip(out["outputs"], outputs):
        np.testing.assert_allclose(got, want, atol=atol)
    np.testing.assert_allclose(out["moving_mean"], mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out["moving_var"], var, rtol=1e-5)
    # 换成无偏方差（除以 N−1）就对不上：框架的滑动方差用的是有偏方差
    _, _, var_unbiased = m.train_steps([b * np.sqrt(16 / 15) for b in batches], gamma, beta, momentum, eps)
    assert np.abs(out["moving_var"] - var_unbiased).max() > 100 * np.abs(out["moving_var"] - var).max()
    np.testing.assert_allclose(out["inference"], m.batchnorm_inference(batches[0], gamma, beta, mean, var, eps),
                               atol=atol)
    _, cache, _, _ = m.batchnorm_forward(batches[-1].astype(np.float64), gamma, beta, eps)
    for got, want in zip((out["dx"], out["dgamma"], out["dbeta"]), m.batchnorm_backward(upstream, cache)):
        np.testing.assert_allclose(got, want, atol=atol * 10)


def test_keras_batchnorm_equals_numpy(bn_data):
    import tensorflow as tf

    layer = tf.keras.layers.BatchNormalization()
    assert (layer.momentum, layer.epsilon) == (0.99, 1e-3)
    out = load_example(D + "batchnorm_tf.py").keras_batchnorm(*bn_data)
    _check_framework_bn(load_example(D + "batchnorm_numpy.py"), out, *bn_data, 0.99, 1e-3, atol=1e-5)


def test_gluon_batchnorm_equals_numpy(bn_data):
    batches, gamma, beta, upstream = bn_data
    args = f"{[b.tolist() for b in batches]}, {gamma.tolist()}, {beta.tolist()}, {upstream.tolist()}"
    assert mxnet_side("batchnorm_defaults()") == {"momentum": 0.9, "eps": 1e-5}
    out = {k: np.array(v) for k, v in mxnet_side(f"batchnorm({args})").items()}
    _check_framework_bn(load_example(D + "batchnorm_numpy.py"), out, *bn_data, 0.9, 1e-5, atol=1e-5)
    # 只前向、不反向：滑动平均不更新
    frozen = mxnet_side(f"batchnorm({args}, backward=False)")
    np.testing.assert_array_equal(frozen["moving_mean"], 0)
    np.testing.assert_array_equal(frozen["moving_var"], 1)


def test_batchnorm_framework_examples():
    for rel in ("batchnorm_tf.py", "batchnorm_mxnet.py"):
        out = run_example(D + rel)
        assert metric(out, "与有偏方差（除以 m）的滑动平均之差") < 1e-5
        assert metric(out, "与无偏方差（除以 m-1）的滑动平均之差") > 1e-3
        diffs = values(out, "与 NumPy 实现的最大差")
        assert set(diffs) == {"各步输出", "滑动均值", "推理输出", "∂L/∂x", "∂L/∂γ", "∂L/∂β"}
        assert max(diffs.values()) < 1e-4, diffs                      # float32 的舍入
    assert "不调用 backward() 时的滑动均值: [0. 0. 0. 0.]" in run_example(D + "batchnorm_mxnet.py")


def test_batchnorm_lets_a_deep_mlp_train_at_large_learning_rates():
    out = run_example(D + "batchnorm_deep_mlp.py")
    plain, bn = values(out, "学习率 0.5 无批量归一化"), values(out, "学习率 0.5 有批量归一化")
    assert bn["末轮训练损失"] < plain["末轮训练损失"] / 5 and bn["验证准确率"] > 0.95 > plain["验证准确率"]
    assert values(out, "学习率 0.1 有批量归一化")["验证准确率"] > values(out, "学习率 0.1 无批量归一化")["验证准确率"]


# ------------------------------------------------------------------ 学习率调度

BASE, TOTAL = 0.5, 40


def _numpy_schedules():
    return load_example(D + "lr_schedules_numpy.py").schedules(BASE, TOTAL)


def test_schedule_formulas():
    s = _numpy_schedules()
    t = np.arange(TOTAL + 1)
    np.testing.assert_allclose(s["阶梯衰减"](t), BASE * 0.5 ** (t // 10))
    np.testing.assert_allclose(s["指数衰减"](t[::10]), BASE * 0.5 ** np.arange(5))
    assert s["余弦退火"](0) == BASE and s["余弦退火"](TOTAL) == pytest.approx(BASE / 100)
    assert s["余弦退火"](TOTAL // 2) == pytest.approx((BASE + BASE / 100) / 2)
    np.testing.assert_allclose(s["预热 + 余弦"](np.arange(5)), BASE * np.arange(5) / 4)
    assert s["预热 + 余弦"](TOTAL) == pytest.approx(BASE / 100)


def test_keras_schedules_equal_numpy():
    """Keras 的 schedule(t) 与 NumPy 版本在 t = 0…T+4 逐个相等；SGD 第 k 次更新用 schedule(k−1)。"""
    tf_ex = load_example(D + "lr_schedules_tf.py")
    keras = tf_ex.keras_schedules(BASE, TOTAL)
    for name, f in _numpy_schedules().items():
        if name == "恒定":
            continue
        got = np.array([float(keras[name](t)) for t in range(TOTAL + 5)])
        # Keras 用 float32 计算：允许 float32 的舍入（学习率 ≤ 0.5，绝对误差 1e-7 约为 3 个 ulp）
        np.testing.assert_allclose(got, f(np.arange(TOTAL + 5)), rtol=0, atol=1e-7, err_msg=name)
        used = tf_ex.used_learning_rates(keras[name], 12)
        np.testing.assert_allclose(used, f(np.arange(12)), rtol=0, atol=1e-7, err_msg=name)


def test_mxnet_schedulers_equal_numpy_with_their_offsets():
    """MXNet 的第 k 次更新调用 scheduler(k)。阶梯/指数：scheduler(k) = η(k−1)，与 Keras 相同；
    余弦两种：scheduler(k) = η(k)，比 Keras 早一步。"""
    mx = mxnet_side(f"lr_schedules({BASE}, {TOTAL}, 12)")
    k = np.arange(1, TOTAL + 6)
    for name, f in _numpy_schedules().items():
        if name == "恒定":
            continue
        shift = 1 if name in ("阶梯衰减", "指数衰减") else 0
        np.testing.assert_allclose(mx[name]["called"], f(k - shift), rtol=1e-12, atol=1e-15, err_msg=name)
        np.testing.assert_allclose(mx[name]["used"], f(np.arange(1, 13) - shift), rtol=1e-6, err_msg=name)
    assert mx["预热 + 余弦"]["used"][0] == BASE / 4           # Keras 的第一次更新用 0


def test_lr_schedule_examples():
    tf_out, mx_out = run_example(D + "lr_schedules_tf.py"), run_example(D + "lr_schedules_mxnet.py")
    for name in ("阶梯衰减", "指数衰减"):
        assert next(ln for ln in tf_out.splitlines() if ln.startswith(name)) == \
            next(ln for ln in mx_out.splitlines() if ln.startswith(name))
    out = run_example(D + "lr_schedules_numpy.py")
    total = metric(out, "总更新次数 T")
    s = load_example(D + "lr_schedules_numpy.py").schedules(0.5, int(total))
    for name, f in s.items():
        v = values(out, name)
        assert v["第 T/2 步学习率"] == pytest.approx(float(f(total // 2)), abs=5e-5)
        assert v["末轮训练损失"] < 0.02
    final = {name: values(out, name)["末轮训练损失"] for name in s}
    assert min(final, key=final.get) == "恒定" and max(final, key=final.get) == "指数衰减"
    # 曲线下的面积 Σηₜ/(η₀T)：指数 ≈ 0.34 < 阶梯 ≈ 0.47 < 余弦 ≈ 0.50；损失大致反过来排
    t = np.arange(int(total))
    area = {name: values(out, name)["Σηₜ/(η₀T)"] for name in s}
    for name, f in s.items():
        assert area[name] == pytest.approx(float(f(t).sum()) / (0.5 * total), abs=1e-3)
        assert values(out, name)["末步学习率/η₀"] == pytest.approx(float(f(total - 1)) / 0.5, abs=1e-4)
    assert area["指数衰减"] == pytest.approx(0.34, abs=0.01) and area["余弦退火"] == pytest.approx(0.50, abs=0.01)
    assert area["指数衰减"] < area["阶梯衰减"] < area["预热 + 余弦"] < area["余弦退火"] < area["恒定"] == 1
    assert final["阶梯衰减"] < final["指数衰减"] and max(final["余弦退火"], final["预热 + 余弦"]) < final["阶梯衰减"]
    # 最后一步：指数衰减 η₀/16 比余弦的 η₀/100 大——它末尾损失最高不是因为最后的步子最小
    assert values(out, "指数衰减")["末步学习率/η₀"] > 6 * values(out, "余弦退火")["末步学习率/η₀"]
    # η₀ = 1.5：恒定学不动（损失大于随机猜测的 ln 10），各种调度都降到 0.01 以下
    block = out.split("初始学习率 η₀ = 1.5 时的末轮训练损失:")[1]
    large = {ln.strip().rsplit(" ", 1)[0]: float(ln.rsplit(" ", 1)[1]) for ln in block.strip().splitlines()}
    assert set(large) == set(s) and large["恒定"] > np.log(10)
    assert all(v < 0.01 for name, v in large.items() if name != "恒定")


# ------------------------------------------------------------------ 早停

def test_early_stopping_rule():
    m = load_example(D + "early_stopping_numpy.py")
    losses = [5, 4, 3, 3.5, 3.2, 3.1, 2.9, 3, 3, 3]
    assert m.early_stopping(losses, patience=3) == (3, 6)
    assert m.early_stopping(losses, patience=4) == (7, None)
    assert m.early_stopping([5, 4, 4, 4], patience=2) == (2, 4)          # 相等不算改进
    assert m.early_stopping([3, 2, 1], patience=1) == (3, None)
    out = run_example(D + "early_stopping_numpy.py")
    best, stop = metric(out, "最好的轮次"), metric(out, "停止的轮次")
    assert stop == best + 10
    assert metric(out, "最好轮次的验证损失") < metric(out, "继续训练到第 60 轮的验证损失")
    assert metric(out, "全部 60 轮中验证损失最低的轮次") == best
    line = next(ln for ln in out.splitlines() if ln.startswith("停止时的训练损失"))
    at_stop, final = (float(x) for x in re.findall(r"\d+\.\d+", line))
    assert final < at_stop / 2


def test_keras_early_stopping_follows_the_same_rule():
    """把 NumPy 的规则用在 Keras 记录的验证损失上：最好的轮次、停止的轮次都相同，恢复的是最好的权重。"""
    from mmdl.data import load_digits_split

    es = load_example(D + "early_stopping_numpy.py")
    X, X_val, y, y_val = load_digits_split(seed=0, scale="unit")
    history, stop, restored = load_example(D + "early_stopping_tf.py").fit_with_early_stopping(
        X[:200], y[:200], X_val, y_val, epochs=60, patience=10, lr=0.5)
    val = history["val_loss"]
    best, stopped = es.early_stopping(val, 10)
    assert stopped is not None and stopped == len(val) < 60
    assert best == stop.best_epoch + 1 and stopped == stop.stopped_epoch + 1
    assert restored == pytest.approx(min(val), rel=1e-5)
    assert restored < val[-1]


def test_mxnet_early_stopping_handler_stops_by_the_same_rule_but_keeps_the_last_weights():
    """MXNet 的 ``EarlyStoppingHandler``：停止的轮次与 NumPy 规则相同；不恢复权重，最终验证损失是最后一轮的；
    ``mode="auto"`` 监视损失时用的是 greater。"""
    es = load_example(D + "early_stopping_numpy.py")
    r = mxnet_side("early_stopping()")
    val = r["val"]
    best, stopped = es.early_stopping(val, 10)
    assert stopped is not None and stopped == len(val) == r["stopped"] < 60
    assert r["final"] == pytest.approx(val[-1], abs=1e-4) and val[-1] > min(val) + 0.01
    out = run_example(D + "early_stopping_mxnet.py")
    assert metric(out, "最好的轮次") == best and metric(out, "停止的轮次") == stopped
    assert "训练结束时的权重是最好的一轮吗: 否" in out
    assert "mode='auto' 监视损失时用的比较: greater" in out
