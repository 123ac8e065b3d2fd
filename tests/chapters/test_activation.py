"""激活函数一章：NumPy = TensorFlow = MXNet，自动微分 = 导数公式，softmax 数值稳定。"""
import json
import math

import numpy as np
import pytest

from support import in_mxnet, load_example, metric, run_example

GRID = np.concatenate([np.linspace(-6, 6, 241), [-1e-3, 1e-3]])
GRID = GRID[np.abs(GRID) > 1e-9]  # 阶跃、ReLU 在 0 处不可导，网格避开 0
NAMES = ["step", "sigmoid", "tanh", "linear", "relu", "leaky_relu", "gelu"]
# 两个框架都把 Leaky ReLU 的斜率 0.01 存成 float32（0.0099999998），相对误差约 1e-7；
# 两个框架的 gelu 在 float64 下也只有约 1e-6 的相对精度（内部常数是 float32）。其余函数逐位一致。
TOL = {"leaky_relu": 2e-7, "gelu": 1e-6}
MX_TOL = {"leaky_relu": 2e-7, "gelu": 1e-6}


@pytest.fixture(scope="module")
def numpy_mod():
    return load_example("basics/activation/functions_numpy.py")


@pytest.fixture(scope="module")
def mxnet_values():
    code = (
        "import numpy as np\n"
        "m = load_example('basics/activation/functions_mxnet.py')\n"
        f"x = np.array({json.dumps(GRID.tolist())})\n"
        "out = {k: [y.tolist(), g.tolist()] for k, (y, g) in m.values_and_grads(x).items()}\n"
        "out['softmax'] = m.softmax([1000.0, 1001.0, 1002.0]).tolist()\n"
        "print(json.dumps(out))\n"
    )
    return in_mxnet(code)


def test_derivative_formulas_match_finite_differences(numpy_mod):
    h = 1e-6
    for name in NAMES:
        f, df = numpy_mod.FUNCTIONS[name], numpy_mod.DERIVATIVES[name]
        x = GRID[np.abs(GRID) > 1e-2]
        numeric = (f(x + h) - f(x - h)) / (2 * h)
        np.testing.assert_allclose(df(x), numeric, atol=1e-7, err_msg=name)


def test_tensorflow_equals_numpy(numpy_mod):
    tf_mod = load_example("basics/activation/functions_tf.py")
    out = tf_mod.values_and_grads(GRID)
    for name in NAMES:
        y, g = out[name]
        tol = TOL.get(name, 1e-12)
        np.testing.assert_allclose(y, numpy_mod.FUNCTIONS[name](GRID), rtol=tol, atol=tol, err_msg=name)
        np.testing.assert_allclose(g, numpy_mod.DERIVATIVES[name](GRID), rtol=max(tol, 1e-10), atol=tol, err_msg=name)


def test_mxnet_equals_numpy(numpy_mod, mxnet_values):
    for name in NAMES:
        y, g = (np.array(v) for v in mxnet_values[name])
        tol = MX_TOL.get(name, 1e-12)
        np.testing.assert_allclose(y, numpy_mod.FUNCTIONS[name](GRID), rtol=tol, atol=tol, err_msg=name)
        np.testing.assert_allclose(g, numpy_mod.DERIVATIVES[name](GRID), rtol=tol, atol=tol, err_msg=name)


def test_softmax_jacobian_formula(numpy_mod):
    tf_mod = load_example("basics/activation/functions_tf.py")
    z = np.array([0.3, -1.2, 2.0, 0.0])
    s, jac = tf_mod.softmax_and_jacobian(z)
    np.testing.assert_allclose(s, numpy_mod.softmax(z), rtol=1e-12)
    np.testing.assert_allclose(jac, numpy_mod.softmax_jacobian(z), atol=1e-12)
    np.testing.assert_allclose(jac.sum(axis=1), 0, atol=1e-12)


def test_softmax_is_finite_for_large_inputs(numpy_mod, mxnet_values):
    big = np.array([1000.0, 1001.0, 1002.0])
    expected = numpy_mod.softmax(np.array([0.0, 1.0, 2.0]))
    for s in (numpy_mod.softmax(big), np.array(mxnet_values["softmax"]),
              load_example("basics/activation/functions_tf.py").softmax_and_jacobian(big)[0]):
        assert np.all(np.isfinite(s))
        np.testing.assert_allclose(s, expected, rtol=1e-12)
    stab = load_example("basics/activation/softmax_stability.py")
    assert np.all(np.isfinite(stab.log_softmax(big + 1e5)))
    np.testing.assert_allclose(np.exp(stab.log_softmax(big)), expected, rtol=1e-12)


def test_sigmoid_identities(numpy_mod):
    x = GRID
    np.testing.assert_allclose(np.tanh(x), 2 * numpy_mod.sigmoid(2 * x) - 1, atol=1e-12)
    assert np.all(np.isfinite(numpy_mod.sigmoid(np.array([-1000.0, 1000.0]))))
    assert numpy_mod.DERIVATIVES["sigmoid"](np.array([0.0]))[0] == pytest.approx(0.25)


def test_example_outputs():
    out = run_example("basics/activation/softmax_stability.py")
    assert "nan" in out.split("稳定")[0]          # 朴素实现溢出
    assert "平移不变性成立: True" in out
    out = run_example("basics/activation/vanishing_gradient.py")
    assert metric(out, "sigmoid 导数的最大值") == pytest.approx(0.25)
    ratio_sigmoid = float(out.split("sigmoid: 第 1 层梯度范数 / 第 20 层梯度范数:")[1].split()[0])
    ratio_relu = float(out.split("relu: 第 1 层梯度范数 / 第 20 层梯度范数:")[1].split()[0])
    assert ratio_sigmoid < 1e-6 < 0.1 < ratio_relu < 10
    out = run_example("basics/activation/dead_relu.py")
    assert "死亡单元比例 1.00" in out and "偏置    0.0: 死亡单元比例 0.00" in out


def test_dead_fraction():
    mod = load_example("basics/activation/dead_relu.py")
    z = np.array([[1.0, -1.0, 0.0], [-2.0, -3.0, -1.0]])
    assert mod.dead_fraction(z) == pytest.approx(2 / 3)


def _normal_cdf_tail(x, terms=40):
    """Φ(x) for x ≪ 0 from the asymptotic series φ(x)/|x| · Σ (-1)^k (2k-1)!! / x^(2k).

    An independent reference: no erf/erfc involved. At |x| = 10 the terms fall below 1e-20
    long before the series starts to diverge (around k = 50)."""
    total, term = 0.0, 1.0
    for k in range(terms):
        total += term
        term *= -(2 * k + 1) / x**2
    return np.exp(-x**2 / 2) / np.sqrt(2 * np.pi) / abs(x) * total


def test_gelu_keeps_relative_precision_far_left(numpy_mod):
    from scipy.special import ndtr  # Cephes' ndtr, a different implementation from math.erfc

    x = np.linspace(-30.0, -7.0, 47)
    np.testing.assert_allclose(numpy_mod.gelu(x), x * ndtr(x), rtol=1e-12)
    for x0 in (-10.0, -8.0, -20.0):
        exact = x0 * _normal_cdf_tail(x0)
        assert numpy_mod.gelu(np.array([x0]))[0] == pytest.approx(exact, rel=1e-13)
    # the textbook form 0.5·x·(1 + erf(x/√2)) cancels to 0 there: the test can tell the two apart
    naive = 0.5 * -10.0 * (1 + math.erf(-10.0 / math.sqrt(2)))
    assert naive == 0.0 and numpy_mod.gelu(np.array([-10.0]))[0] < -7e-23


@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.5])
def test_leaky_relu_derivative_uses_alpha_and_the_same_branch(numpy_mod, alpha):
    f = lambda x: numpy_mod.leaky_relu(x, alpha)  # noqa: E731
    df = lambda x: numpy_mod.leaky_relu_grad(x, alpha)  # noqa: E731
    x = GRID[np.abs(GRID) > 1e-2]
    h = 1e-6
    np.testing.assert_allclose(df(x), (f(x + h) - f(x - h)) / (2 * h), atol=1e-7)
    zero = np.array([0.0])
    # at 0 the derivative is the slope of the branch the function itself uses there (x > 0 ⇒ identity)
    left = (f(zero) - f(zero - h)) / h
    assert df(zero)[0] == pytest.approx(left[0], rel=1e-9) == alpha
    assert numpy_mod.DERIVATIVES["relu"](zero)[0] == 0.0 and numpy_mod.step(zero)[0] == 0.0
