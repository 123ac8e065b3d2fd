"""反向传播一章：手写梯度 = TensorFlow = MXNet = 中心差分；digits 上的准确率；图的坐标轴。"""
import numpy as np
import pytest

from mmdl.data import load_digits_split, one_hot
from support import call_mxnet, load_example, metric, run_example

NP = "basics/backprop/mlp_numpy.py"
TF = "basics/backprop/mlp_tf.py"
MX = "basics/backprop/mlp_mxnet.py"
NAMES = ("W1", "b1", "W2", "b2")


def rel_err(a, b):
    """逐元素相对误差的最大值（分母取两者绝对值之和，避免被接近 0 的分量放大）。"""
    a, b = np.asarray(a), np.asarray(b)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))


@pytest.fixture(scope="module")
def problem():
    """同一组权重（偏置也非零）与同一个批量，float64。"""
    X_train, _, y_train, _ = load_digits_split(seed=0)
    rng = np.random.default_rng(42)
    params = load_example(NP).init_params(64, 12, 10, seed=7)
    params = {k: v + 0.1 * rng.normal(size=v.shape) for k, v in params.items()}
    X, Y = X_train[:16], one_hot(y_train[:16], 10)
    return params, X, Y


@pytest.fixture(scope="module")
def numpy_result(problem):
    params, X, Y = problem
    return load_example(NP).loss_and_grads(params, X, Y)


@pytest.fixture(scope="module")
def mxnet_result(problem, tmp_path_factory):
    params, X, Y = problem
    path = tmp_path_factory.mktemp("backprop") / "problem.npz"
    np.savez(path, X=X, Y=Y, **params)
    out = call_mxnet("backprop.loss_and_grads", npz=str(path))
    assert out["dtype"] == "float64"
    return out["loss"], {k: np.array(v) for k, v in out["grads"].items()}


def test_tensorflow_gradients_equal_numpy(problem, numpy_result):
    params, X, Y = problem
    loss_np, grads_np = numpy_result
    loss_tf, grads_tf = load_example(TF).loss_and_grads(params, X, Y)
    assert abs(loss_tf - loss_np) <= 1e-12 * abs(loss_np)
    for k in NAMES:
        assert grads_tf[k].shape == grads_np[k].shape
        assert rel_err(grads_tf[k], grads_np[k]) < 1e-9, k   # 要求 1e-6；float64 下实际约 1e-13


def test_mxnet_gradients_equal_numpy(numpy_result, mxnet_result):
    loss_np, grads_np = numpy_result
    loss_mx, grads_mx = mxnet_result
    assert abs(loss_mx - loss_np) <= 1e-12 * abs(loss_np)
    for k in NAMES:
        assert grads_mx[k].shape == grads_np[k].shape
        assert rel_err(grads_mx[k], grads_np[k]) < 1e-9, k   # 要求 1e-6；float64 下实际约 1e-13


def test_all_gradients_match_finite_differences(problem, numpy_result, mxnet_result):
    params, X, Y = problem
    module = load_example(NP)
    numeric = module.numerical_grads({k: v.copy() for k, v in params.items()}, X, Y)
    grads_tf = load_example(TF).loss_and_grads(params, X, Y)[1]
    for name, grads in (("NumPy", numpy_result[1]), ("TF", grads_tf), ("MXNet", mxnet_result[1])):
        for k in NAMES:
            # 中心差分的截断误差约 h² ≈ 1e-12，舍入误差约 ε/h ≈ 1e-10（绝对）
            np.testing.assert_allclose(grads[k], numeric[k], rtol=1e-6, atol=1e-8,
                                       err_msg=f"{name} {k}")
    # 检验确实能发现错误：漏掉 tanh 的导数 (1 − H²) 的“反向传播”通不过同样的容差
    H = np.tanh(X @ params["W1"] + params["b1"])
    Z = H @ params["W2"] + params["b2"]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    buggy_W1 = X.T @ ((P - Y) / len(X) @ params["W2"].T)
    assert not np.allclose(buggy_W1, numeric["W1"], rtol=1e-6, atol=1e-8)
    assert module.relative_error(buggy_W1, numeric["W1"]) > 1e-2           # 页面上的说法
    assert module.relative_error(numpy_result[1]["W1"], numeric["W1"]) < 1e-8


def test_delta_formulas_by_hand(problem, numpy_result):
    """页面上的公式逐条计算：δ2 = (P − Y)/n，δ1 = δ2 W2ᵀ ⊙ (1 − H²)，dW = 输入ᵀ δ，db = Σ δ。"""
    params, X, Y = problem
    H = np.tanh(X @ params["W1"] + params["b1"])
    Z = H @ params["W2"] + params["b2"]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    n = len(X)
    delta2 = (P - Y) / n
    delta1 = delta2 @ params["W2"].T * (1 - H ** 2)
    expected = {"W2": H.T @ delta2, "b2": delta2.sum(0), "W1": X.T @ delta1, "b1": delta1.sum(0)}
    loss = -np.mean(np.sum(Y * np.log(P), axis=1))
    assert abs(loss - numpy_result[0]) < 1e-12
    for k in NAMES:
        np.testing.assert_allclose(numpy_result[1][k], expected[k], rtol=1e-12, atol=1e-15)


def test_numpy_example_accuracy_and_gradient_check():
    out = run_example(NP)
    assert metric(out, "梯度检验最大相对误差") < 1e-7
    assert metric(out, "测试准确率") >= 0.97
    assert metric(out, "训练准确率") >= 0.99


def test_three_frameworks_train_to_the_same_accuracy():
    """同样的初始权重、批量顺序与 float64：三条训练轨迹几乎重合。"""
    acc = {name: metric(run_example(path), "测试准确率") for name, path in
           (("NumPy", NP), ("TF", TF), ("MXNet", MX))}
    assert min(acc.values()) >= 0.97, acc
    assert max(acc.values()) - min(acc.values()) <= 1 / 450 + 1e-9, acc


def test_accuracy_plot_axes(monkeypatch):
    """准确率曲线的坐标轴：横轴是轮数，纵轴是准确率（两个轴不能标成同一个量）。"""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    captured = {}

    def fake_show():
        ax = plt.gcf().axes[0]
        captured.update(x=ax.get_xlabel(), y=ax.get_ylabel(),
                        lines=[line.get_xdata().tolist() for line in ax.get_lines()],
                        legend=[t.get_text() for t in ax.get_legend().get_texts()])
        plt.close("all")

    monkeypatch.setattr(plt, "show", fake_show)
    load_example(NP).main(["--epochs", "3", "--hidden", "8"])
    assert "轮数" in captured["x"] and "准确率" in captured["y"]
    assert captured["lines"] == [[1, 2, 3], [1, 2, 3]]
    assert captured["legend"] == ["训练集", "测试集"]


def test_computational_graph_numbers_are_backprop():
    """计算图上的梯度与本章 mlp_numpy.loss_and_grads（同一网络、单个样本）和中心差分一致。"""
    g = load_example("basics/backprop/computational_graph.py")
    ref = load_example("basics/backprop/mlp_numpy.py")
    rng = np.random.default_rng(7)
    p = {"W1": rng.normal(size=(2, 2)), "b1": rng.normal(size=2), "W2": rng.normal(size=(2, 2)), "b2": rng.normal(size=2)}
    x, y = rng.normal(size=(1, 2)), np.array([[1.0, 0.0]])
    nodes = g.forward_backward(x, y, p)
    loss, grads = ref.loss_and_grads({k: v.copy() for k, v in p.items()}, x, y)
    assert float(nodes["L"][0]) == pytest.approx(loss, rel=1e-12)
    for k in grads:
        np.testing.assert_allclose(nodes[k][1], grads[k], rtol=1e-12, atol=1e-15)
    assert g.max_gradient_error(x, y, p) < 1e-8
    out = run_example("basics/backprop/computational_graph.py")
    assert metric(out, "反向传播与中心差分的最大差") < 1e-8
