"""损失函数一章：NumPy = Keras = Gluon（值与梯度，float64），公式本身，大 logits 下的数值稳定。"""

import numpy as np
import pytest

from support import call_mxnet, load_example, metric, run_example

REG_NP = "basics/losses/regression_losses_numpy.py"
CLS_NP = "basics/losses/classification_losses_numpy.py"


@pytest.fixture(scope="module")
def reg():
    return load_example(REG_NP)


@pytest.fixture(scope="module")
def cls():
    return load_example(CLS_NP)


def random_regression(seed, shape=(16, 4)):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=shape)
    return y, y + rng.normal(scale=2.0, size=shape)


def random_classification(seed, n=16, k=6):
    rng = np.random.default_rng(seed)
    z_bin = 4 * rng.normal(size=n)
    y_bin = rng.integers(0, 2, size=n).astype(float)
    z = 1.5 * rng.normal(size=(n, k))  # 概率都远大于 Keras KL 的截断值 1e-7
    labels = rng.integers(0, k, size=n)
    a = rng.normal(size=(n, k))
    p = np.exp(a) / np.exp(a).sum(axis=1, keepdims=True)
    return z_bin, y_bin, z, labels, p


def numpy_regression(reg, y, p, delta):
    return {
        "MSE": (reg.mse(y, p), reg.mse_grad(y, p)),
        "L1": (reg.mae(y, p), reg.mae_grad(y, p)),
        "Huber": (reg.huber(y, p, delta), reg.huber_grad(y, p, delta)),
        "SmoothL1": (reg.smooth_l1(y, p, delta), reg.smooth_l1_grad(y, p, delta)),
    }


def numpy_classification(cls, z_bin, y_bin, z, labels, p):
    return {
        "BCE": (cls.bce_with_logits(y_bin, z_bin), cls.bce_grad(y_bin, z_bin)),
        "CE": (cls.softmax_cross_entropy(labels, z), cls.softmax_cross_entropy_grad(labels, z)),
        "SoftCE": (cls.soft_cross_entropy(p, z), cls.kl_grad_logits(p, z)),
        "Hinge": (cls.hinge(2 * y_bin - 1, z_bin), cls.hinge_grad(2 * y_bin - 1, z_bin)),
        "KL": (cls.kl_divergence(p, np.exp(cls.log_softmax(z))), cls.kl_grad_logits(p, z)),
    }


def numeric_grad(f, x, h=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        g[idx] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# ---------- 公式本身 ----------

def test_regression_gradients_match_finite_differences(reg):
    """回归损失（MSE、MAE、Huber、Smooth L1……）的解析梯度与中心差分的数值梯度一致。"""
    y, p = random_regression(0)
    for name, (_value, grad) in numpy_regression(reg, y, p, 1.5).items():
        fn = {"MSE": reg.mse, "L1": reg.mae, "Huber": lambda t, q: reg.huber(t, q, 1.5),
              "SmoothL1": lambda t, q: reg.smooth_l1(t, q, 1.5)}[name]
        np.testing.assert_allclose(grad, numeric_grad(lambda q, fn=fn: fn(y, q), p), rtol=1e-6, atol=1e-10,
                                   err_msg=name)


def test_huber_and_smooth_l1_identities(reg):
    """Huber 损失等于 δ 乘以 Smooth L1 损失；δ = 1 时两者相同，且在 |误差| = δ 处连续。"""
    y, p = random_regression(1)
    for d in (0.3, 1.0, 2.5):
        assert reg.huber(y, p, d) == pytest.approx(d * reg.smooth_l1(y, p, d), rel=1e-13)
    assert reg.huber(y, p, 1.0) == pytest.approx(reg.smooth_l1(y, p, 1.0), rel=1e-15)
    zero = np.zeros(1)
    for d in (0.5, 2.0):  # 在 |r| = δ 两侧值连续
        left, right = reg.huber(zero, np.array([d - 1e-9]), d), reg.huber(zero, np.array([d + 1e-9]), d)
        assert abs(left - right) < 1e-8
        assert left == pytest.approx(0.5 * d * d)
    r = np.linspace(-5, 5, 1001)
    small = np.abs(r) <= 1.0  # 小残差处是 r²/2，大残差处是线性的 δ(|r| − δ/2)
    values = np.array([reg.huber(zero, np.array([v])) for v in r])
    np.testing.assert_allclose(values[small], 0.5 * r[small] ** 2, rtol=1e-14)
    np.testing.assert_allclose(values[~small], np.abs(r[~small]) - 0.5, rtol=1e-14)


def test_best_constants_mean_and_median(reg):
    """用一个常数去拟合数据：MSE 的最优常数是均值，L1 的是中位数，Huber 的落在中位数附近。"""
    out = run_example(REG_NP)
    mean, median = metric(out, "样本均值"), metric(out, "样本中位数")
    step = 2e-3  # 网格步长与打印精度
    assert abs(metric(out, "MSE 最优常数") - mean) <= step
    assert abs(metric(out, "L1 最优常数") - median) <= step
    assert abs(metric(out, "Huber 最优常数") - median) < abs(mean - median) / 5
    data = np.random.default_rng(5).normal(size=41)
    assert reg.best_constant(reg.mse, data) == pytest.approx(data.mean(), abs=1e-3)
    assert reg.best_constant(reg.mae, data) == pytest.approx(np.median(data), abs=1e-3)


def test_classification_gradients_match_finite_differences(cls):
    """分类损失（交叉熵、铰链损失等）的解析梯度与中心差分一致。"""
    z_bin, y_bin, z, labels, p = random_classification(2)
    checks = {
        "BCE": (lambda x: cls.bce_with_logits(y_bin, x), z_bin, cls.bce_grad(y_bin, z_bin)),
        "CE": (lambda x: cls.softmax_cross_entropy(labels, x), z, cls.softmax_cross_entropy_grad(labels, z)),
        "SoftCE": (lambda x: cls.soft_cross_entropy(p, x), z, cls.kl_grad_logits(p, z)),
        "KL": (lambda x: cls.kl_divergence(p, np.exp(cls.log_softmax(x))), z, cls.kl_grad_logits(p, z)),
        "Hinge": (lambda x: cls.hinge(2 * y_bin - 1, x), z_bin, cls.hinge_grad(2 * y_bin - 1, z_bin)),
    }
    for name, (f, x, g) in checks.items():
        np.testing.assert_allclose(g, numeric_grad(f, x), rtol=1e-6, atol=1e-9, err_msg=name)


def test_cross_entropy_identities(cls):
    """从 logits 计算的二元交叉熵与按定义计算的相同，也等于 log(1 + e^(−margin)) 的平均；多类交叉熵等于 logsumexp(z) − z_c 的平均。"""
    z_bin, y_bin, z, labels, p = random_classification(3)
    s = 1 / (1 + np.exp(-z_bin))
    naive = -np.mean(y_bin * np.log(s) + (1 - y_bin) * np.log(1 - s))
    assert cls.bce_with_logits(y_bin, z_bin) == pytest.approx(naive, rel=1e-12)
    margin = (2 * y_bin - 1) * z_bin  # BCE = logistic 损失 log(1 + e^{−m})
    assert cls.bce_with_logits(y_bin, z_bin) == pytest.approx(np.mean(np.log1p(np.exp(-margin))), rel=1e-12)
    lse = np.log(np.exp(z).sum(axis=1))
    assert cls.softmax_cross_entropy(labels, z) == pytest.approx(np.mean(lse - z[np.arange(len(z)), labels]),
                                                                 rel=1e-12)
    onehot = np.eye(z.shape[1])[labels]
    assert cls.soft_cross_entropy(onehot, z) == pytest.approx(cls.softmax_cross_entropy(labels, z), rel=1e-12)
    q = np.exp(cls.log_softmax(z))
    assert cls.kl_divergence(p, q) == pytest.approx(cls.soft_cross_entropy(p, z) - cls.entropy(p), rel=1e-12)
    assert cls.kl_divergence(p, q) > 0 and cls.kl_divergence(p, p) == pytest.approx(0, abs=1e-15)
    assert cls.kl_divergence(p, q) != pytest.approx(cls.kl_divergence(q, p), rel=1e-3)  # 不对称


def test_surrogates_bound_zero_one_loss(cls):
    """铰链损失和（除以 ln 2 的）logistic 损失都不小于 0-1 损失，是它的上界。"""
    m = np.linspace(-10, 10, 20001)
    zero_one = (m <= 0).astype(float)
    assert np.all(np.maximum(0, 1 - m) >= zero_one)
    assert np.all(cls.softplus(-m) / np.log(2) >= zero_one - 1e-15)
    assert cls.softplus(np.array(0.0)) == pytest.approx(np.log(2), rel=1e-15)


def test_classification_output_identity():
    """KL 散度等于交叉熵减去目标分布的熵。"""
    out = run_example(CLS_NP)
    kl, ce, h = metric(out, "KL 散度"), metric(out, "软标签交叉熵"), metric(out, "目标分布的熵")
    assert kl == pytest.approx(ce - h, abs=2e-6)


# ---------- NumPy = Keras = Gluon ----------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_regression_numpy_equals_keras(reg, seed):
    """NumPy 实现的回归损失与 ``tf.keras.losses`` 的值和梯度一致（float64，相对误差 1e-12）。"""
    tf_mod = load_example("basics/losses/regression_losses_tf.py")
    y, p = random_regression(seed)
    mine, keras_out = numpy_regression(reg, y, p, 1.5), tf_mod.keras_losses(y, p, 1.5)
    for name, (v, g) in mine.items():
        assert keras_out[name][0] == pytest.approx(v, rel=1e-12), name
        np.testing.assert_allclose(keras_out[name][1], g, rtol=1e-12, atol=1e-15, err_msg=name)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_classification_numpy_equals_keras(cls, seed):
    """NumPy 实现的分类损失与 ``tf.keras.losses`` 的值和梯度一致，独热标签与整数标签两种写法结果相同。"""
    tf_mod = load_example("basics/losses/classification_losses_tf.py")
    batch = random_classification(seed)
    mine, keras_out = numpy_classification(cls, *batch), tf_mod.keras_losses(*batch)
    for name, (v, g) in mine.items():
        assert keras_out[name][0] == pytest.approx(v, rel=1e-12), name
        np.testing.assert_allclose(keras_out[name][1], g, rtol=1e-10, atol=1e-14, err_msg=name)
    assert keras_out["CE_onehot"][0] == pytest.approx(mine["CE"][0], rel=1e-12)


@pytest.fixture(scope="module")
def gluon_out():
    cases = {str(s): {"reg": [a.tolist() for a in random_regression(s)],
                      "cls": [a.tolist() for a in random_classification(s)]} for s in (0, 1, 2)}
    return call_mxnet("losses.gluon_losses", cases=cases)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_equals_gluon(reg, cls, gluon_out, seed):
    """NumPy 实现的各种损失与 ``mxnet.gluon.loss`` 的值和梯度一致。"""
    mine = numpy_regression(reg, *random_regression(seed), 1.5)
    mine.update(numpy_classification(cls, *random_classification(seed)))
    theirs = gluon_out[str(seed)]
    for name, (v, g) in mine.items():
        tol = 1e-10 if name == "KL" else 1e-12  # Gluon 的 KL 在 log 里加了 1e-12
        assert theirs[name][0] == pytest.approx(v, rel=tol), name
        np.testing.assert_allclose(theirs[name][1], g, rtol=1e-10, atol=1e-14, err_msg=name)


def test_gluon_conventions_stated_on_the_page():
    """页面所说的 Gluon 约定：``SoftmaxCrossEntropyLoss`` 默认接收 logits，``from_logits=True`` 时接收 log 概率，把 logits 当作 log 概率会得到错误的值。"""
    out = call_mxnet("losses.conventions")
    cls = load_example(CLS_NP)
    z = np.array([[2.0, -1.0, 0.5], [0.3, 0.2, -2.0]])
    assert out["ce"] == pytest.approx(cls.softmax_cross_entropy(np.array([0, 2]), z), rel=1e-12)
    assert out["ce_logp"] == pytest.approx(out["ce"], rel=1e-12)
    assert out["ce_wrong"] != pytest.approx(out["ce"], rel=1e-3)  # 把 logits 当 log 概率：错的
    assert out["hpm"] == pytest.approx(cls.hinge(np.array([1.0, -1, -1]), np.array([0.3, -2.0, 1.5])), rel=1e-12)
    assert out["h01"] != pytest.approx(out["hpm"], rel=1e-3)  # Gluon 不转换 0/1 标签
    p = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]])
    q = np.exp(cls.log_softmax(z))
    per_sample = [cls.kl_divergence(p[i:i + 1], q[i:i + 1]) for i in range(2)]  # 对类别求和，不是平均
    np.testing.assert_allclose(out["kl_default"], per_sample, rtol=1e-10)
    assert out["shape"] == [2]  # 每个样本一个值


def test_keras_conventions_stated_on_the_page(cls):
    """页面所说的 Keras 约定：KL 散度的定义、铰链损失自动把 0/1 标签转换成 ±1、损失默认按 floatx（float32）计算。"""
    import keras
    y_true = np.array([[0.2, 0.5, 0.3]])
    y_pred = np.array([[1e-9, 0.6, 0.4 - 1e-9]])
    clipped = np.clip(y_pred, 1e-7, 1)
    expect = np.sum(y_true * np.log(y_true / clipped))
    assert float(keras.losses.KLDivergence(dtype="float64")(y_true, y_pred)) == pytest.approx(expect, rel=1e-12)
    f = np.array([0.3, -2.0, 1.5])
    h01 = float(keras.losses.Hinge(dtype="float64")(np.array([1.0, 0.0, 0.0]), f))
    assert h01 == pytest.approx(cls.hinge(np.array([1.0, -1, -1]), f), rel=1e-12)  # 0/1 自动转换
    assert keras.losses.MeanSquaredError().dtype == "float32"  # 默认按 floatx 计算
    out = run_example("basics/losses/regression_losses_tf.py")
    assert metric(out, "reduction='sum' 时的 MSE（逐样本平均后求和）") == pytest.approx(8 * metric(out, "MSE"),
                                                                                    rel=1e-6)


# ---------- 大 logits 下的数值稳定 ----------

BIG = {"z_bin": [1000.0, -1000.0, 1000.0, -1000.0], "y_bin": [1.0, 1.0, 0.0, 0.0],
       "z": [[1000.0, 0.0, -1000.0], [1000.0, 0.0, -1000.0]], "labels": [0, 2]}
# 逐样本的精确值：BCE = [0, 1000, 1000, 0]，CE = [0, 2000]
BCE_EXACT, CE_EXACT = np.mean([0.0, 1000.0, 1000.0, 0.0]), np.mean([0.0, 2000.0])
BCE_GRAD = (np.array([1.0, 0.0, 1.0, 0.0]) - np.array(BIG["y_bin"])) / 4  # σ(z) − y
CE_GRAD = (np.array([[1.0, 0, 0], [1.0, 0, 0]]) - np.eye(3)[BIG["labels"]]) / 2  # softmax − onehot


def test_large_logits_numpy(cls):
    """logits 为 ±1000 时，NumPy 的稳定写法给出有限且精确的交叉熵和梯度。"""
    zb, yb, z, lab = (np.array(BIG[k]) for k in ("z_bin", "y_bin", "z", "labels"))
    assert cls.bce_with_logits(yb, zb) == BCE_EXACT
    assert cls.softmax_cross_entropy(lab, z) == CE_EXACT
    np.testing.assert_array_equal(cls.bce_grad(yb, zb), BCE_GRAD)
    np.testing.assert_array_equal(cls.softmax_cross_entropy_grad(lab, z), CE_GRAD)
    stable = load_example("basics/losses/stable_cross_entropy_numpy.py")
    with np.errstate(all="ignore"):
        assert np.isnan(stable.ce_naive(0, np.array([2000.0, -1000.0, 500.0])))
        assert np.isinf(stable.bce_naive(1.0, -1000.0))
    assert stable.ce_stable(0, np.array([2000.0, -1000.0, 500.0])) == 0.0
    assert stable.bce_stable(1.0, -1000.0) == 1000.0


def test_large_logits_keras():
    """logits 为 ±1000 时，Keras 从 logits 计算的交叉熵给出有限且精确的值和梯度。"""
    import keras
    import tensorflow as tf
    for loss, logits, target, exact, grad in [
        (keras.losses.BinaryCrossentropy(from_logits=True, dtype="float64"), BIG["z_bin"], BIG["y_bin"],
         BCE_EXACT, BCE_GRAD),
        (keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype="float64"), BIG["z"], BIG["labels"],
         CE_EXACT, CE_GRAD),
    ]:
        x = tf.Variable(np.array(logits))
        with tf.GradientTape() as tape:
            value = loss(np.array(target), x)
        assert float(value) == pytest.approx(exact, rel=1e-12)
        np.testing.assert_allclose(tape.gradient(value, x).numpy(), grad, atol=1e-12)


def test_large_logits_gluon():
    """logits 为 ±1000 时，Gluon 的交叉熵给出有限且精确的值和梯度。"""
    out = call_mxnet("losses.large_logits", big=BIG)
    assert out["BCE"][0] == pytest.approx(BCE_EXACT, rel=1e-12)
    assert out["CE"][0] == pytest.approx(CE_EXACT, rel=1e-12)
    np.testing.assert_allclose(out["BCE"][1], BCE_GRAD, atol=1e-12)
    np.testing.assert_allclose(out["CE"][1], CE_GRAD, atol=1e-12)
    assert np.all(np.isfinite(out["KL"][1])) and np.isfinite(out["KL"][0])


def test_stable_example_output():
    """示例输出里，朴素写法在 logits 放大 1000 倍时得到 nan 或 inf，稳定写法得到正确的数。"""
    out = run_example("basics/losses/stable_cross_entropy_numpy.py")
    assert "放大 1000 倍，朴素多类交叉熵: nan" in out
    assert "logit = -1000，朴素二元交叉熵: inf" in out
    assert metric(out, "放大 1000 倍，稳定多类交叉熵") == 0
    assert metric(out, "logit = -1000，稳定二元交叉熵") == 1000
    assert metric(out, "放大 1 倍，朴素多类交叉熵") == metric(out, "放大 1 倍，稳定多类交叉熵")


# ---------- 三个框架的示例打印同样的数 ----------

@pytest.mark.parametrize("kind,labels", [
    ("regression", ["MSE", "L1 损失", "Huber 损失", "Smooth L1 损失"]),
    ("classification", ["二元交叉熵", "多类交叉熵", "Hinge 损失", "KL 散度", "软标签交叉熵"]),
])
def test_examples_print_the_same_numbers(kind, labels):
    """NumPy、TensorFlow、MXNet 三个示例打印的损失值相同（差别不超过 1e-6），Gluon 的 ``L2Loss`` 含 1/2。"""
    outs = [run_example(f"basics/losses/{kind}_losses_{k}.py") for k in ("numpy", "tf", "mxnet")]
    for label in labels:
        vals = [metric(o, label) for o in outs]
        assert max(vals) - min(vals) <= 1e-6, (label, vals)
    if kind == "regression":
        assert metric(outs[2], "L2Loss 原始值（含 1/2）") == pytest.approx(metric(outs[0], "MSE") / 2, abs=1e-6)
        assert metric(outs[0], "Huber 损失") == pytest.approx(2 * metric(outs[0], "Smooth L1 损失"), abs=2e-6)
