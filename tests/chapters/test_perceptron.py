"""感知机一章：学习规则与收敛定理、XOR 上的循环、MLP 解 XOR、手写数字 MLP：NumPy = Keras = MXNet。"""
import itertools

import numpy as np
import pytest

from support import load_example, metric, run_example

D = "basics/perceptron/"
RULE, XOR, MLP_XOR = D + "perceptron_rule.py", D + "perceptron_xor.py", D + "mlp_xor_numpy.py"
DIGITS = {"numpy": D + "mlp_digits_numpy.py", "tf": D + "mlp_digits_tf.py", "mxnet": D + "mlp_digits_mxnet.py"}


# ------------------------------------------------------------------ 单层感知机

def test_truth_table_is_the_notes_function():
    m = load_example(RULE)
    for (x1, x2, x3, bias), y in zip(m.X, m.Y):
        assert bias == 1
        assert y == int(x2 and (x1 or x3))
    assert len({tuple(x) for x in m.X}) == 8          # 完整的三输入真值表


def test_perceptron_converges_within_novikoff_bound():
    m = load_example(RULE)
    w, errors, updates, converged = m.train_perceptron(m.X, m.Y)
    assert converged and errors[-1] == 0 and all(e > 0 for e in errors[:-1])
    assert np.array_equal(m.step(m.X @ w), m.Y)
    bound = m.novikoff_bound(m.X, m.Y, m.U)
    assert np.all((2 * m.Y - 1) * (m.X @ m.U) > 0)   # U 确实分开了两类
    u = m.U / np.linalg.norm(m.U)
    gamma = np.min((2 * m.Y - 1) * (m.X @ u))
    assert bound == pytest.approx((np.linalg.norm(m.X, axis=1).max() / gamma) ** 2)
    assert updates == sum(errors) <= bound


def test_learning_rate_does_not_change_the_run_from_zero():
    m = load_example(RULE)
    w1, e1, u1, _ = m.train_perceptron(m.X, m.Y, lr=1.0)
    for lr in (0.25, 0.5, 2.0, 8.0):          # 2 的幂：浮点运算也是精确的
        w2, e2, u2, _ = m.train_perceptron(m.X, m.Y, lr=lr)
        assert e1 == e2 and u1 == u2
        np.testing.assert_array_equal(w2, w1 * lr)


def test_rule_example_output():
    out = run_example(RULE)
    assert "收敛: 是" in out
    assert metric(out, "训练准确率") == 1.0
    assert metric(out, "更新次数") <= metric(out, "收敛定理上界")
    assert metric(out, "收敛轮数") >= 2


def test_step_convention():
    m = load_example(RULE)
    np.testing.assert_array_equal(m.step([-1.0, 0.0, 1e-12, 2.0]), [0, 0, 1, 1])


def test_perceptron_never_converges_on_xor():
    m = load_example(XOR)
    w, errors, history = m.train_perceptron(m.X, m.Y, max_epochs=100)
    assert len(errors) == 100 and min(errors) > 0
    start, end = m.find_cycle(history)
    assert np.allclose(history[start], history[end])
    # 确定性的过程：从循环起点再跑一个周期，回到同一个权重
    w = history[start]
    for _ in range(end - start):
        w = m.run_epoch(w, m.X, m.Y, 1.0)[-1]
    np.testing.assert_allclose(w, history[start])


def test_no_linear_threshold_unit_computes_xor():
    m = load_example(XOR)
    grid = np.linspace(-2, 2, 17)
    best = max((m.step(m.X @ np.array(w)) == m.Y).mean() for w in itertools.product(grid, repeat=3))
    assert best == 0.75


def test_xor_example_output():
    out = run_example(XOR)
    assert "收敛: 否" in out
    assert metric(out, "最后一轮的错误数") > 0
    assert metric(out, "最终训练准确率") <= 0.75
    assert metric(out, "循环周期") >= 1


# ------------------------------------------------------------------ 多层感知机与 XOR

def test_hand_built_network_computes_xor():
    m = load_example(MLP_XOR)
    for x1, x2 in itertools.product((0, 1), repeat=2):
        assert m.xor_by_hand(np.array([[x1, x2]], dtype=float))[0] == (x1 ^ x2)


def test_trained_mlp_solves_xor():
    out = run_example(MLP_XOR)
    assert metric(out, "手工网络准确率") == 1.0
    assert metric(out, "训练后的 MLP 准确率") == 1.0
    assert metric(out, "输入 (0, 0) 的输出概率") < 0.05 and metric(out, "输入 (1, 1) 的输出概率") < 0.05
    assert metric(out, "输入 (0, 1) 的输出概率") > 0.95 and metric(out, "输入 (1, 0) 的输出概率") > 0.95
    assert metric(out, "8 个隐藏单元时 20 个随机初始化的成功率") == 1.0
    assert metric(out, "2 个隐藏单元时 20 个随机初始化的成功率") < 0.9   # 页面的说法：窄网络常失败


def test_xor_mlp_backprop_gradient_matches_finite_differences():
    m = load_example(MLP_XOR)
    rng = np.random.default_rng(0)
    params = [rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=3), np.array(0.1)]
    _, grads = m.loss_and_grads(params, m.X, m.Y)
    h = 1e-6
    for i, p in enumerate(params):
        for idx in np.ndindex(p.shape):
            plus = [q.copy() for q in params]
            minus = [q.copy() for q in params]
            plus[i][idx] += h
            minus[i][idx] -= h
            numeric = (m.loss_and_grads(plus, m.X, m.Y)[0] - m.loss_and_grads(minus, m.X, m.Y)[0]) / (2 * h)
            assert np.asarray(grads[i])[idx] == pytest.approx(numeric, rel=1e-5, abs=1e-9)


# ------------------------------------------------------------------ 手写数字 MLP

def test_digits_backprop_formula_matches_finite_differences():
    m = load_example(DIGITS["numpy"])
    X_tr, _, y_tr, _ = m.load_data(0)
    X, y = X_tr[:16].astype(np.float64), y_tr[:16]
    params = [p.astype(np.float64) for p in m.init_params(seed=1)]
    params[1] += 0.05                                # 偏置不全为 0，ReLU 的两侧都出现
    _, grads = m.loss_and_grads(params, X, y)
    rng = np.random.default_rng(0)
    h = 1e-6
    for i, p in enumerate(params):
        for _ in range(8):
            idx = tuple(rng.integers(0, s) for s in p.shape)
            plus = [q.copy() for q in params]
            minus = [q.copy() for q in params]
            plus[i][idx] += h
            minus[i][idx] -= h
            numeric = (m.loss_and_grads(plus, X, y)[0] - m.loss_and_grads(minus, X, y)[0]) / (2 * h)
            assert grads[i][idx] == pytest.approx(numeric, rel=1e-4, abs=1e-8)


def test_shared_setup_is_identical_in_the_three_examples():
    import ast

    from support import EXAMPLES

    def source(rel, name):
        text = (EXAMPLES / rel).read_text(encoding="utf-8")
        node = next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == name)
        return ast.get_source_segment(text, node)

    for name in ("load_data", "init_params", "minibatches"):
        ref = source(DIGITS["numpy"], name)
        for rel in DIGITS.values():
            assert source(rel, name) == ref, f"{rel} 的 {name} 与 NumPy 版不同"


@pytest.fixture(scope="module")
def digits_outputs():
    return {name: run_example(rel) for name, rel in DIGITS.items()}


def test_digits_mlp_accuracy_floor(digits_outputs):
    for name, out in digits_outputs.items():
        assert metric(out, "测试准确率") >= 0.95, name


def test_digits_mlp_numpy_equals_keras_equals_mxnet(digits_outputs):
    losses = {name: metric(out, "训练损失") for name, out in digits_outputs.items()}
    accs = {name: metric(out, "测试准确率") for name, out in digits_outputs.items()}
    for name in ("tf", "mxnet"):
        assert losses[name] == pytest.approx(losses["numpy"], abs=2e-4), losses
        assert abs(accs[name] - accs["numpy"]) <= 1 / 450 + 1e-9, accs   # 至多差一个测试样本



def test_neuron_and_mlp_parameter_count():
    m = load_example("basics/perceptron/neuron_and_mlp.py")
    assert m.parameter_count([4, 5, 3, 2]) == 4 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2
    assert m.parameter_count([64, 64, 10]) == 64 * 64 + 64 + 64 * 10 + 10   # 本章手写数字的 MLP
    out = run_example("basics/perceptron/neuron_and_mlp.py")
    assert metric(out, "参数总数（权重 + 偏置）") == 51
