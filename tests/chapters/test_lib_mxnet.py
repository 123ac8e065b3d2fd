"""MXNet 一章：数组接口 = NumPy，autograd = 解析导数（也 = TensorFlow），Trainer 更新 = 公式，
hybridize 前后输出相同，重载后预测相同，训练准确率达标。"""
import re
from pathlib import Path

import numpy as np
import pytest

from runner import requirements
from support import in_mxnet, load_example, metric, run_example

ROOT = Path(__file__).resolve().parents[2]
GRID = np.linspace(-2, 2, 17).tolist()


def test_page_banner_and_install_facts():
    """页面开头有 MXNet 已退役的提示，环境的版本说明与 ``requirements-mxnet.txt`` 相符。"""
    page = (ROOT / "docs" / "libraries" / "mxnet.rst").read_text(encoding="utf-8")
    assert page.index(".. warning::") < page.index("\n---")      # 横幅在第一节之前
    for fact in ("Apache Attic", "1.9.1", "mxnet-cu101", "mxnet-cu112", "numpy<1.24",
                 "requirements-mxnet.txt", ".venv-mxnet"):
        assert fact in page, fact
    pins = requirements.pins("mxnet", everywhere=True)
    assert pins["mxnet"] == "1.9.1"
    assert tuple(int(x) for x in pins["numpy"].split(".")[:2]) < (1, 24)


@pytest.fixture(scope="module")
def mx_results():
    """在 MXNet 环境里一次算好各示例函数的结果。"""
    code = (
        "import numpy as onp\n"
        "from mxnet import np\n"
        "nd = load_example('libraries/mxnet/ndarray_np.py')\n"
        "ag = load_example('libraries/mxnet/autograd_mx.py')\n"
        "gb = load_example('libraries/mxnet/gluon_basics.py')\n"
        "hy = load_example('libraries/mxnet/hybridize_mx.py')\n"
        "sl = load_example('libraries/mxnet/save_load_mx.py')\n"
        "rng = onp.random.default_rng(3)\n"
        "a = rng.normal(size=(4, 5)).astype('float32'); b = rng.normal(size=(4, 5)).astype('float32')\n"
        "out = {'a': a.tolist(), 'b': b.tolist()}\n"
        "out['nd'] = {k: v.tolist() for k, v in nd.nd_ops(a, b).items()}\n"
        "out['np'] = {k: v.tolist() for k, v in nd.np_ops(a, b).items()}\n"
        f"out['grad'] = ag.cubic_grad({GRID!r}).tolist()\n"
        "out['doubling'] = [ag.doubling_grad(v) for v in (0.3, 1.7, -0.05, -12.0)]\n"
        "net = gb.MLP(7, 10); net.initialize()\n"
        "x = np.array(rng.normal(size=(6, 9)).astype('float32')); y = np.array(onp.arange(6) % 10)\n"
        "before, grads, after = gb.sgd_step(net, x, y, 0.3)\n"
        "out['step_err'] = max(float(onp.abs(after[k] - (before[k] - 0.3 * grads[k] / 6)).max()) for k in before)\n"
        "out['step_change'] = max(float(onp.abs(after[k] - before[k]).max()) for k in before)\n"
        "out['n_params'] = sum(p.data().size for p in net.collect_params().values())\n"
        "out['formula'] = gb.param_count(9, 7, 10)\n"
        "xh = np.array(rng.normal(size=(5, 32)).astype('float32'))\n"
        "imp, sym, _ = hy.run_both(xh, repeats=2, seed=1)\n"
        "out['hybrid_diff'] = float(onp.abs(imp - sym).max())\n"
        "out['hybrid_scale'] = float(onp.abs(imp).max())\n"
        "g = hy.build_net(); g.initialize(); g(xh); out['ops'] = hy.graph_ops(g)\n"
        "xs = np.array(rng.normal(size=(7, 64)).astype('float32'))\n"
        "o, r, s, files = sl.roundtrip(xs, seed=2, prefix='t')\n"
        "out['reload'] = [float(onp.abs(o - r).max()), float(onp.abs(o - s).max())]\n"
        "out['files'] = files\n"
        "print(json.dumps(out))\n"
    )
    return in_mxnet(code)


def test_nd_and_np_interfaces_equal_numpy(mx_results):
    """``mx.nd`` 与 ``mxnet.np`` 的运算结果与 NumPy 相同；NDArray 求和得到形状 (1,)，``mxnet.np`` 得到零维数组。"""
    a, b = np.array(mx_results["a"], np.float32), np.array(mx_results["b"], np.float32)
    ref = {"matmul": a @ b.T, "broadcast_add": a + b[0:1], "row_sum": a.sum(axis=1),
           "total": a.sum()}
    for api in ("nd", "np"):
        for key, value in ref.items():
            got = np.array(mx_results[api][key])
            np.testing.assert_allclose(got.reshape(np.shape(value)), value, rtol=1e-5, atol=1e-5,
                                       err_msg=f"{api}.{key}")
    # 两套接口的形状语义不同：NDArray 求和得到 (1,)，mxnet.np 得到零维数组
    assert np.shape(mx_results["nd"]["total"]) == (1,)
    assert np.shape(mx_results["np"]["total"]) == ()


def test_ndarray_example_output():
    """数组示例打印的类型、默认 dtype 和求和结果的形状与页面所说的相同。"""
    out = run_example("libraries/mxnet/ndarray_np.py")
    assert "mx.nd 求和结果的形状: (1,)" in out
    assert "mxnet.np 求和结果的形状: ()" in out
    assert "mxnet.np 默认 dtype: float32" in out and "NumPy 默认 dtype: float64" in out
    for name in ("矩阵乘积", "广播加法", "按行求和", "全部求和"):
        assert metric(out, f"{name}与 NumPy 的最大差异") == 0.0


def test_autograd_equals_closed_form_and_tensorflow(mx_results):
    """MXNet ``autograd`` 求出的导数与解析式 3x² − 2 相同，也与 TensorFlow 的结果相同。"""
    x = np.array(GRID)
    grad = np.array(mx_results["grad"])
    np.testing.assert_allclose(grad, 3 * x ** 2 - 2, rtol=1e-6, atol=1e-6)
    tf_grad, tf_second = load_example("libraries/tensorflow/gradient_tape.py").cubic_derivatives(x)
    np.testing.assert_allclose(grad, tf_grad, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(tf_second, 6 * x, atol=1e-12)


def test_autograd_through_python_control_flow(mx_results):
    """经过 Python 循环和分支的函数，``autograd`` 求出的梯度就是实际执行路径上的系数 c = f(a)/a。"""
    for out, a, g in mx_results["doubling"]:
        c = out / a
        assert g == pytest.approx(c, rel=1e-6)
        assert abs(c) >= 2 and np.log2(abs(c)) == pytest.approx(round(np.log2(abs(c))))
        assert abs(out) >= 100


def test_autograd_example_output():
    """``autograd`` 示例打印的导数与解析导数一致。"""
    out = run_example("libraries/mxnet/autograd_mx.py")
    assert metric(out, "与解析导数的最大差异") <= 1e-5
    assert metric(out, "x = 1 处 autograd 导数") == pytest.approx(1.0)
    for line in re.findall(r"梯度 = (\S+), f\(a\)/a = (\S+)", out):
        assert float(line[0]) == pytest.approx(float(line[1]))


def test_trainer_step_is_sgd_divided_by_batch(mx_results):
    """``trainer.step(B)`` 的一步更新等于 w − η·∇L/B，参数个数等于公式 nh + h + hk + k。"""
    assert mx_results["step_err"] <= 1e-7
    assert mx_results["step_change"] > 1e-4          # 参数确实被更新了
    assert mx_results["n_params"] == mx_results["formula"] == 9 * 7 + 7 + 7 * 10 + 10


def test_gluon_example_output():
    """Gluon 示例：首次前向之前权重形状是 (16, -1)，之后是 (16, 64)；参数总数与公式相同。"""
    out = run_example("libraries/mxnet/gluon_basics.py")
    assert "首次前向之前 dense0_weight 的形状: (16, -1)" in out
    assert "首次前向之后 dense0_weight 的形状: (16, 64)" in out
    assert metric(out, "参数总数") == 64 * 16 + 16 + 16 * 10 + 10
    assert metric(out, "公式 n·h + h + h·k + k") == metric(out, "参数总数")
    assert metric(out, "隐藏层偏置的初值") == 0.0
    assert metric(out, "输出层偏置的初值") == pytest.approx(0.1)
    assert metric(out, "Trainer 更新与 w − η·∇w/B 的最大差异") <= 1e-7
    other = run_example("libraries/mxnet/gluon_basics.py", "--hidden", "5", "--inputs", "12")
    assert metric(other, "参数总数") == 12 * 5 + 5 + 5 * 10 + 10


def test_hybridize_gives_identical_outputs(mx_results):
    """``hybridize`` 前后网络的输出相同，符号图里的运算节点与页面所列相同。"""
    # 只比较输出，不对耗时做任何断言（加速比随机器和负载变化）
    assert mx_results["hybrid_scale"] > 0
    assert mx_results["hybrid_diff"] <= 1e-6
    assert mx_results["ops"] == ["FullyConnected", "Activation"] * 4 + ["FullyConnected"]


def test_hybridize_example_output():
    """hybridize 示例打印的输出差异和符号图节点数与页面所说的相同。"""
    out = run_example("libraries/mxnet/hybridize_mx.py")
    assert metric(out, "命令式与符号式输出的最大差异") <= 1e-6
    assert "加速比" in out
    assert metric(out, "符号图中的运算节点数") == 9


def test_saved_and_exported_models_predict_the_same(mx_results):
    """``save_parameters`` 与 ``export`` 两种方式保存后重新加载，预测与原网络完全相同，写出的文件名与页面所列相同。"""
    assert mx_results["reload"] == [0.0, 0.0]
    assert mx_results["files"] == ["t.params", "t-symbol.json", "t-0000.params"]
    out = run_example("libraries/mxnet/save_load_mx.py")
    assert metric(out, "load_parameters 后预测的最大差异") == 0.0
    assert metric(out, "SymbolBlock.imports 后预测的最大差异") == 0.0


def test_training_loop_reaches_accuracy_floor():
    """完整训练循环在手写数字上的测试准确率不低于 95%，损失下降到初始的五分之一以下。"""
    out = run_example("libraries/mxnet/train_digits_mx.py")
    assert metric(out, "测试准确率") >= 0.95
    assert metric(out, "训练准确率") >= 0.97
    losses = [float(v) for v in re.findall(r"损失 (\d+\.\d+)", out)]
    assert len(losses) == 10 and losses[-1] < losses[0] / 5




def test_nd_array_converts_float64_numpy_to_float32_but_mxnet_np_keeps_it():
    """从 float64 的 NumPy 数组创建：``mx.nd.array`` 得到 float32，``mxnet.np.array`` 保留 float64。"""
    out = run_example("libraries/mxnet/ndarray_np.py")
    assert "mx.nd.array(float64 的 NumPy 数组) 的 dtype: float32" in out
    assert "mxnet.np.array(float64 的 NumPy 数组) 的 dtype: float64" in out
