"""TensorFlow 一章：梯度 = 解析公式，图执行 = 即时执行，两种 Keras 写法等价，重载后预测不变，
tf.data 的批数公式成立，TF1 兼容写法与 TF2 写法得到同样的数字。"""
import math
import re
from pathlib import Path

import numpy as np
import pytest

from runner import requirements
from support import load_example, metric, run_example

ROOT = Path(__file__).resolve().parents[2]


def test_tf1_code_on_the_page_is_static_and_marked():
    """页面上的 TF1 代码只作对照、不运行，并明确标注它在 TF2 中无法直接运行。"""
    page = (ROOT / "docs" / "libraries" / "tensorflow.rst").read_text(encoding="utf-8")
    block = page.split(".. code-block:: python", 1)[1]
    assert "tf.Session()" in block and "tf.placeholder" in block
    assert "global_variables_initializer" in block
    assert "在 TF2 中无法直接运行" in page


def test_install_check_reports_pinned_version_and_devices():
    """安装检查示例报告的 TensorFlow 版本与固定的版本相同，能找到 CPU，矩阵运算结果正确。"""
    out = run_example("libraries/tensorflow/check_install.py")
    pins = requirements.pins("main")  # 适用于本机的那一行（tensorflow-cpu 或 tensorflow）
    assert f"TensorFlow 版本: {pins.get('tensorflow-cpu') or pins['tensorflow']}" in out
    assert metric(out, "CPU 数量") >= 1
    assert metric(out, "全 1 矩阵元素之和") == 1000 * 1000


def test_tensors_and_variables():
    """张量与变量示例：默认即时执行；Python 浮点数得到 float32、整数得到 int32；不同 dtype 相加会报错。"""
    out = run_example("libraries/tensorflow/tensors_variables.py")
    assert "即时执行: True" in out
    assert "Python 浮点数得到的 dtype: float32" in out
    assert "Python 整数得到的 dtype: int32" in out
    assert "NumPy float64 数组得到的 dtype: float64" in out
    assert "float32 + float64: 报错" in out
    # [[1,2],[3,4]] → v[0,0] = 5 → 每个元素加 1
    assert "[[6. 3.]\n [4. 5.]]" in out
    assert metric(out, "与 NumPy 计算的最大差异") <= 1e-5


def test_gradient_tape_matches_closed_forms():
    """``GradientTape`` 求出的一阶、二阶导数与解析式 3x² − 2、6x 相同，线性回归的损失和梯度与手算一致。"""
    mod = load_example("libraries/tensorflow/gradient_tape.py")
    x = np.linspace(-3, 3, 25)
    d1, d2 = mod.cubic_derivatives(x)
    np.testing.assert_allclose(d1, 3 * x ** 2 - 2, atol=1e-12)
    np.testing.assert_allclose(d2, 6 * x, atol=1e-12)

    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    w, b = rng.normal(size=4), np.float64(0.4)
    loss, dw, db = mod.mse_gradients(X, y, w, b)
    dw_ref, db_ref = mod.mse_gradients_closed_form(X, y, w, b)
    assert loss == pytest.approx(np.mean((X @ w + b - y) ** 2), rel=1e-12)
    np.testing.assert_allclose(dw, dw_ref, atol=1e-12)
    assert db == pytest.approx(db_ref, abs=1e-12)
    # 公式本身再用有限差分核对一次
    h = 1e-6
    f = lambda ww, bb: np.mean((X @ ww + bb - y) ** 2)  # noqa: E731
    num = np.array([(f(w + h * e, b) - f(w - h * e, b)) / (2 * h) for e in np.eye(4)])
    np.testing.assert_allclose(dw_ref, num, atol=1e-6)
    assert db_ref == pytest.approx((f(w, b + h) - f(w, b - h)) / (2 * h), abs=1e-6)


def test_gradient_tape_example_output():
    """``GradientTape`` 示例打印的导数值与解析式相同。"""
    out = run_example("libraries/tensorflow/gradient_tape.py")
    assert metric(out, "x = 1 处的 f'(x)") == pytest.approx(1.0)
    assert metric(out, "x = 1 处的 f''(x)") == pytest.approx(6.0)
    assert metric(out, "一阶导数与 3x²−2 的最大差异") <= 1e-12
    assert metric(out, "∂L/∂w 的最大差异") <= 1e-10


def test_dataflow_graph_nodes_and_edges():
    """追踪出的数据流图的节点类型、节点数和边数与页面所列相同，每条边都是生产者节点的输出张量。"""
    mod = load_example("libraries/tensorflow/dataflow_graph.py")
    graph = mod.traced_graph()
    types = [op.type for op in graph.get_operations()]
    assert types == ["Placeholder"] * 3 + ["MatMul", "AddV2", "Sigmoid", "Identity"]
    edges = mod.graph_edges(graph)
    assert len(edges) == 6
    for src, _dst, tensor in edges:            # 每条边都是生产者节点的输出张量
        assert tensor.name == f"{src}:0" and tensor.op.name == src
    assert {(s, d) for s, d, _ in edges} == {("x", "MatMul"), ("w", "MatMul"), ("MatMul", "add"),
                                            ("b", "add"), ("add", "Sigmoid"),
                                            ("Sigmoid", "Identity")}


def test_graph_execution_equals_eager_and_numpy():
    """图执行与即时执行、NumPy 的结果差异在 float32 舍入误差以内（图优化可能融合运算、改变浮点运算的顺序）。"""
    mod = load_example("libraries/tensorflow/dataflow_graph.py")
    rng = np.random.default_rng(11)
    x = rng.normal(size=(9, 3)).astype(np.float32)
    w = rng.normal(size=(3, 2)).astype(np.float32)
    b = rng.normal(size=2).astype(np.float32)
    graph = mod.dense_sigmoid(x, w, b).numpy()
    eager = mod.dense_sigmoid.python_function(x, w, b).numpy()
    ref = 1 / (1 + np.exp(-(x.astype(np.float64) @ w + b)))
    # 图优化可能融合运算、改变浮点运算顺序：差异只允许在 float32 舍入误差以内
    np.testing.assert_allclose(graph, eager, rtol=0, atol=1e-6)
    np.testing.assert_allclose(graph, ref, rtol=0, atol=1e-6)
    out = run_example("libraries/tensorflow/dataflow_graph.py")
    assert metric(out, "节点数") == 7 and metric(out, "边数") == 6
    assert metric(out, "图执行与即时执行的最大差异") <= 1e-6


def test_tracing_rules():
    """``tf.function`` 的追踪规则：新的 Python 值或新的张量形状、类型会重新追踪，相同的签名复用已有的图。"""
    out = run_example("libraries/tensorflow/tf_function_tracing.py")
    statuses = re.findall(r"结果 (\S+)，(重新追踪|复用已有的图)", out)
    expected_values = [14, 77, 30, 14, 36, 36, 98]     # Σx², Σx² …, Σx³, Σx³, Σx⁴
    assert [float(v) for v, _ in statuses] == expected_values
    assert [s for _, s in statuses] == ["重新追踪", "复用已有的图", "重新追踪", "重新追踪",
                                        "重新追踪", "重新追踪", "复用已有的图"]
    assert metric(out, "追踪次数") == 5
    assert metric(out, "图执行与即时执行之差") <= 1e-5
    assert metric(out, "考拉兹步数（Python）") == metric(out, "考拉兹步数（tf.function）") == 111
    assert "图中的控制流节点: StatelessWhile" in out or "图中的控制流节点: While" in out


def test_autograph_loop_equals_python_loop():
    """AutoGraph 把 Python 的 while 循环和 for 循环转成图中的循环，结果与普通 Python 相同。"""
    import tensorflow as tf
    mod = load_example("libraries/tensorflow/tf_function_tracing.py")
    for n in range(1, 40):
        assert int(mod.collatz_steps(tf.constant(n))) == mod.collatz_steps_eager(n)
    x = tf.constant(np.linspace(-1.5, 2.5, 11), tf.float32)
    for k in (1.0, 2.0, 3.0):
        graph = float(mod.power_sum(x, tf.constant(k)))
        assert graph == pytest.approx(float(np.sum(x.numpy().astype(np.float64) ** k)), rel=1e-5)


@pytest.mark.parametrize("n,h", [(64, 32), (10, 3), (5, 17)])
def test_keras_sequential_equals_functional(n, h):
    """Sequential 与函数式 API 搭出的同一个网络参数个数相同（等于公式），权重相同时预测相同。"""
    import keras
    mod = load_example("libraries/tensorflow/keras_models.py")
    keras.utils.set_random_seed(0)
    seq, fun, res = mod.sequential_mlp(n, h, 10), mod.functional_mlp(n, h, 10), mod.residual_mlp(n, h, 10)
    assert seq.count_params() == fun.count_params() == (n * h + h) + (h * 10 + 10)
    assert res.count_params() == (n * h + h) + (h * h + h) + (h * 10 + 10)
    fun.set_weights(seq.get_weights())
    x = np.random.default_rng(n).normal(size=(8, n)).astype("float32")
    np.testing.assert_allclose(seq.predict(x, verbose=0), fun.predict(x, verbose=0), rtol=0, atol=1e-7)


def test_keras_models_example_output():
    """Keras 模型示例打印的参数个数与公式 (n·h + h) + (h·k + k) 相同。"""
    out = run_example("libraries/tensorflow/keras_models.py")
    assert metric(out, "Sequential 参数个数") == metric(out, "函数式参数个数") == 2410
    assert metric(out, "公式 (n·h + h) + (h·k + k)") == 2410
    assert metric(out, "跳连模型参数个数") == metric(out, "公式 (n·h + h) + (h·h + h) + (h·k + k)")
    assert metric(out, "两种写法输出的最大差异") == 0.0


@pytest.mark.parametrize("n,b", [(103, 10), (64, 64), (7, 3)])
def test_tf_data_batches_follow_formula(n, b):
    """``tf.data`` 的批数是 ⌈N/B⌉，最后一批大小是 N − (⌈N/B⌉ − 1)·B；一轮里每个样本恰好出现一次，两轮的顺序不同。"""
    mod = load_example("libraries/tensorflow/tf_data_pipeline.py")
    x = np.arange(n * 64, dtype=np.uint8).reshape(n, 64) % 17
    y = np.arange(n, dtype=np.int32) % 10
    ds = mod.make_pipeline(x, y, b, seed=0)
    assert int(ds.cardinality()) == math.ceil(n / b)
    first, sizes = mod.epoch_ids(ds)
    second, _ = mod.epoch_ids(ds)
    assert sorted(first) == list(range(n)) == sorted(second)
    assert sizes[-1] == n - (math.ceil(n / b) - 1) * b
    assert all(s == b for s in sizes[:-1])
    if n > 10:
        assert first != second                   # 每轮重新打乱
    (images, _), _ = next(iter(ds))
    assert float(images.numpy().max()) <= 1.0


def test_tf_data_example_output():
    """``tf.data`` 示例打印的批数、最后一批大小与公式相同。"""
    out = run_example("libraries/tensorflow/tf_data_pipeline.py")
    assert metric(out, "批数（cardinality）") == metric(out, "公式 ⌈N/B⌉") == math.ceil(1797 / 64)
    assert metric(out, "最后一批大小") == metric(out, "公式 N − (⌈N/B⌉ − 1)·B") == 1797 - 28 * 64
    assert "一轮中每个样本恰好出现一次: True" in out and "两轮顺序不同: True" in out


def test_keras_training_reaches_accuracy_floor():
    """Keras 在手写数字上训练的多层感知机，测试准确率不低于 95%，参数个数与公式相同。"""
    out = run_example("libraries/tensorflow/keras_train_digits.py")
    assert metric(out, "测试准确率") >= 0.95
    assert metric(out, "训练准确率") >= 0.97
    assert metric(out, "参数个数") == 64 * 64 + 64 + 64 * 10 + 10


def test_reloaded_models_predict_the_same():
    """``.keras`` 文件重新加载后预测完全相同，SavedModel 重新加载后差异不超过 1e-6。"""
    out = run_example("libraries/tensorflow/save_load_model.py")
    assert metric(out, ".keras 重载后预测的最大差异") == 0.0
    assert metric(out, "SavedModel 重载后预测的最大差异") <= 1e-6
    assert "saved_model.pb" in out and "variables" in out


def test_perceptron_update_is_cross_entropy_gradient():
    """sigmoid 神经元的更新量 ηXᵀ(Y − Ŷ) 等于交叉熵的负梯度乘以学习率（与 ``GradientTape`` 求出的梯度对照）。"""
    mod = load_example("libraries/tensorflow/logistic_unit_tf2.py")
    for seed in range(3):
        w = np.random.default_rng(seed).normal(size=(4, 1)).astype(np.float32)
        update, neg_grad = mod.update_vs_gradient(w, lr=0.25)
        np.testing.assert_allclose(update, neg_grad, rtol=1e-5, atol=1e-6)


def test_tf1_compat_and_tf2_give_the_same_numbers():
    """``tf.compat.v1`` 版本与 TF2 版本的训练轮数、最终误差和权重相同。"""
    tf2 = run_example("libraries/tensorflow/logistic_unit_tf2.py")
    v1 = run_example("libraries/tensorflow/logistic_unit_v1.py")
    assert "即时执行: False" in v1
    assert metric(tf2, "训练轮数") == metric(v1, "训练轮数") < 1000
    assert metric(tf2, "最终均方误差") == metric(v1, "最终均方误差") <= 1e-3
    weights = re.compile(r"最终权重: (\[.*\])")
    assert weights.search(tf2).group(1) == weights.search(v1).group(1)
    assert metric(tf2, "更新量与 −η·∂L/∂W 的最大差异") <= 1e-6
    pred = [float(v) for v in re.search(r"预测值: \[(.*)\]", tf2).group(1).split(",")]
    target = [1, 1, 0, 0, 1, 0, 0, 0]                # x₁ ∧ (x₀ ∨ x₂)
    assert [int(p > 0.5) for p in pred] == target


def test_tf1_graph_session_equals_tf2_step_by_step():
    """TF1 的图与 Session 写法与 TF2 写法从同样的初始权重出发，每一步的误差都相同。"""
    v1 = load_example("libraries/tensorflow/logistic_unit_v1.py")
    tf2 = load_example("libraries/tensorflow/logistic_unit_tf2.py")
    np.testing.assert_array_equal(v1.X_IN, tf2.X_IN)
    for seed in (0, 5):
        w0 = tf2.initial_weights(seed)
        np.testing.assert_array_equal(w0, v1.initial_weights(seed))
        e1, w1 = v1.train_v1(w0, max_epochs=200)
        e2, w2 = tf2.train_tf2(w0, max_epochs=200)
        np.testing.assert_allclose(e1, e2, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(w1, w2, rtol=1e-6, atol=1e-6)




def test_graph_equals_eager_exactly_without_grappler():
    """关闭图优化器 Grappler 之后，图执行与即时执行的结果逐位相同。"""
    out = run_example("libraries/tensorflow/dataflow_graph.py")
    assert metric(out, "关闭图优化后，图执行与即时执行的最大差异") == 0
    assert metric(out, "图执行与即时执行的最大差异") <= 1e-6
