"""概念一章：学到的规则胜过手写规则；多项式阶数的欠拟合/过拟合曲线；RMSE 与最小二乘公式。"""
import numpy as np
import pytest

from support import load_example, metric, run_example

RULE = "basics/concepts/rule_vs_learned.py"
POLY = "basics/concepts/polynomial_fit.py"


def test_learned_model_beats_hand_written_rule():
    out = run_example(RULE)
    hand = metric(out, "手写规则测试准确率")
    learned = metric(out, "逻辑回归测试准确率")
    assert 0.8 <= hand < 0.95          # 手写规则有用，但不够好
    assert learned >= 0.97
    assert learned - hand >= 0.05


def test_learned_threshold_is_best_on_training_data():
    m = load_example(RULE)
    X, y = m.load_3_vs_8()
    t = m.learn_threshold(X, y)
    best = (m.hand_rule(X, t) == y).mean()
    for candidate in np.linspace(0, 16, 161):
        assert (m.hand_rule(X, candidate) == y).mean() <= best + 1e-12
    assert best >= (m.hand_rule(X) == y).mean()


def test_rmse_formula():
    m = load_example(POLY)
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=50), rng.normal(size=50)
    assert m.rmse(a, b) == pytest.approx(np.sqrt(np.sum((a - b) ** 2) / 50), rel=1e-12)


def test_polynomial_fit_is_least_squares():
    m = load_example(POLY)
    rng = np.random.default_rng(2)
    x, y = m.make_data(20, 0.25, rng)
    for degree in (1, 3, 6):
        V = np.vander(x, degree + 1, increasing=True)
        coef = np.linalg.lstsq(V, y, rcond=None)[0]
        np.testing.assert_allclose(m.fit_polynomial(x, y, degree)(x), V @ coef, atol=1e-9)


def test_training_error_never_increases_with_degree():
    m = load_example(POLY)
    x, y = m.make_data(15, 0.25, np.random.default_rng(0))
    errs = [m.rmse(m.fit_polynomial(x, y, d)(x), y) for d in range(13)]
    assert all(b <= a + 1e-9 for a, b in zip(errs, errs[1:]))   # 模型一层套一层，训练误差单调不增


def test_underfitting_and_overfitting_in_printed_results():
    out = run_example(POLY)
    chosen = metric(out, "所选模型的测试 RMSE")
    assert metric(out, "1 阶训练 RMSE") > metric(out, "3 阶训练 RMSE") > metric(out, "9 阶训练 RMSE")
    assert metric(out, "1 阶测试 RMSE") > 1.5 * chosen                 # 欠拟合
    assert metric(out, "9 阶测试 RMSE") > 1.5 * chosen                 # 过拟合
    assert metric(out, "9 阶训练 RMSE") < metric(out, "9 阶测试 RMSE") / 3
    assert 3 <= metric(out, "验证集选出的阶数") <= 7
    assert chosen < 0.4        # 噪声标准差是 0.25，好的模型接近这个下限



def test_ai_ml_dl_diagram_nests():
    m = load_example("basics/concepts/ai_ml_dl.py")
    for outer, inner in zip(m.LAYERS, m.LAYERS[1:]):
        assert m.inside(inner, outer)
        assert not m.inside(outer, inner)
    out = run_example("basics/concepts/ai_ml_dl.py")
    assert out.count(": True") == 2


def test_data_split_partitions():
    m = load_example("basics/concepts/data_split.py")
    test, (train, val), kfold = m.split(100, 0.2, 0.2, 5, 0)
    everything = np.concatenate([test, train, val])
    assert sorted(everything) == list(range(100)) and len(test) == 20 and len(val) == 20
    vals = np.concatenate([v for _, v in kfold])
    assert sorted(np.concatenate([vals, test])) == list(range(100))
    for tr, va in kfold:
        assert not set(tr) & set(va) and not set(tr) & set(test) and len(tr) + len(va) == 80
    assert "合起来是全部非测试样本: True" in run_example("basics/concepts/data_split.py")
