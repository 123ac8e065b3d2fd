"""卷积神经网络一章：卷积 = TF = MXNet、输出大小公式、手写反向 = 差分 = 自动微分、池化、感受野、小卷积网络。"""
import ast
import re
from pathlib import Path

import numpy as np
import pytest

from support import EXAMPLES, call_mxnet, load_example, metric, run_example, run_example_raw

D = "basics/cnn/"
CONV, CONV_TF, CONV_MX = D + "conv2d_numpy.py", D + "conv_tf.py", D + "conv_mxnet.py"
BACK, POOL, RF = D + "conv_backward_numpy.py", D + "pooling_numpy.py", D + "receptive_field_tf.py"
LENET = {"numpy": D + "lenet_numpy.py", "tf": D + "lenet_tf.py", "mxnet": D + "lenet_mxnet.py"}
TESTS = Path(__file__).resolve().parent

# (批量, 输入通道, 高, 宽, 输出通道, 核边长, 步幅)：含步幅 2、偶数与奇数边长、非方形输入
SHAPES = [(2, 3, 8, 8, 4, 3, 1), (1, 1, 7, 7, 2, 3, 2), (2, 2, 8, 8, 3, 3, 2), (1, 3, 9, 6, 5, 5, 2),
          (3, 4, 6, 6, 2, 1, 1), (1, 2, 5, 5, 3, 2, 1)]


def save_cases(path, cases):
    arrays = {"n": len(cases)}
    for i, case in enumerate(cases):
        arrays.update({f"{i}_{k}": v for k, v in case.items()})
    np.savez(path, **arrays)
    return str(path)


def random_case(rng, n, c, h, w, f, k):
    return rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, k, k)), rng.normal(size=f)


# ------------------------------------------------------------------ 前向：循环 = im2col = 公式

def test_loop_equals_im2col_and_output_size_formula():
    m = load_example(CONV)
    rng = np.random.default_rng(0)
    for n, c, h, w, f, k, s in SHAPES:
        X, W, b = random_case(rng, n, c, h, w, f, k)
        for pad in (0, 1, (0, 1, 1, 0), (2, 1, 0, 2)):
            Y = m.conv2d(X, W, b, s, pad)
            np.testing.assert_allclose(Y, m.conv2d_loop(X, W, b, s, pad), rtol=1e-12, atol=1e-12)
            t, bo, le, r = (pad,) * 4 if np.isscalar(pad) else pad
            assert Y.shape == (n, f, m.output_size(h, k, s, t + bo), m.output_size(w, k, s, le + r))
    # 公式逐项：⌊(n + p − k)/s⌋ + 1
    for n_, k, s, p in [(8, 3, 1, 0), (8, 3, 1, 2), (8, 3, 2, 0), (7, 5, 2, 4), (28, 5, 1, 0), (32, 5, 1, 0)]:
        assert m.output_size(n_, k, s, p) == (n_ + p - k) // s + 1
    assert m.output_size(32, 5) == 28 and m.output_size(28, 5) == 24       # LeNet-5 的 C1、MNIST


def test_same_padding_gives_ceil_n_over_s_and_puts_the_extra_row_last():
    m = load_example(CONV)
    for n in range(1, 20):
        for k in (1, 2, 3, 4, 5):
            for s in (1, 2, 3):
                before, after = m.same_padding(n, k, s)
                assert 0 <= after - before <= 1
                assert m.output_size(n, k, s, before + after) == -(-n // s)
    assert m.same_padding(8, 3, 2) == (0, 1) and m.same_padding(8, 3, 1) == (1, 1)


def test_conv_example_output():
    out = run_example(CONV)
    assert re.search(r"\[\[19\. 25\.\]\s*\[37\. 43\.\]\]", out)
    pairs = re.findall(r"公式 (\d+)，实际 (\d+)", out)
    assert len(pairs) == 6 and all(a == b for a, b in pairs)
    for diff in re.findall(r"im2col 与循环版的最大差: ([0-9.e+-]+)", out):
        assert float(diff) < 1e-12
    assert metric(out, "步幅 1 时 im2col 矩阵元素数是输入的倍数") == 9.0         # k_h·k_w / s²
    assert metric(out, "步幅 2 时 im2col 矩阵元素数是输入的倍数") == 2.25
    # 只检查耗时与加速比被打印出来，不对数值作断言（随机器与负载变化）
    for label in ("循环版耗时(ms)", "im2col 版耗时(ms)", "加速比"):
        metric(out, label)


# ------------------------------------------------------------------ 前向：NumPy = TensorFlow = MXNet

def test_numpy_conv_equals_tf_nn_conv2d_and_keras():
    m, t = load_example(CONV), load_example(CONV_TF)
    rng = np.random.default_rng(1)
    for n, c, h, w, f, k, s in SHAPES:
        X, W, b = random_case(rng, n, c, h, w, f, k)
        same = m.same_padding(h, k, s) + m.same_padding(w, k, s)
        same = (same[0], same[1], same[2], same[3])
        for tf_pad, np_pad in (("VALID", 0), ("SAME", same), (1, 1)):
            Y = t.conv2d_tf(X, W, b, s, tf_pad)
            assert Y.dtype == np.float64
            np.testing.assert_allclose(Y, m.conv2d(X, W, b, s, np_pad), rtol=1e-10, atol=1e-10)
        X32, W32, b32 = X.astype(np.float32), W.astype(np.float32), b.astype(np.float32)
        for keras_pad, np_pad in (("valid", 0), ("same", same)):
            np.testing.assert_allclose(t.conv2d_keras(X32, W32, b32, s, keras_pad), m.conv2d(X, W, b, s, np_pad),
                                       rtol=1e-4, atol=1e-4)


def test_nhwc_and_nchw_are_different_layouts():
    """不转置就把 NCHW 数组交给 tf.nn.conv2d：它把最后一维当通道，形状对不上。"""
    import tensorflow as tf
    t = load_example(CONV_TF)
    rng = np.random.default_rng(2)
    X, W, b = random_case(rng, 1, 3, 8, 8, 4, 3)
    with pytest.raises((tf.errors.InvalidArgumentError, ValueError)):
        tf.nn.conv2d(X, np.transpose(W, (2, 3, 1, 0)), 1, "VALID")       # 输入“通道”是 8，卷积核要 3
    Y = t.conv2d_tf(X, W, b, 1, "VALID")
    assert Y.shape == (1, 4, 6, 6)


def test_numpy_conv_equals_mxnet_convolution_and_gluon(tmp_path):
    m = load_example(CONV)
    rng = np.random.default_rng(3)
    cases = []
    for n, c, h, w, f, k, s in SHAPES:
        X, W, b = random_case(rng, n, c, h, w, f, k)
        for pad in (0, 1):
            cases.append({"X": X, "W": W, "b": b, "stride": s, "pad": pad})
    results = call_mxnet("cnn.convolutions", path=str(save_cases(tmp_path / "conv.npz", cases)))
    for case, res in zip(cases, results):
        X, W, b, s, p = case["X"], case["W"], case["b"], case["stride"], case["pad"]
        assert res["dtype"] == "float64"
        expected = m.conv2d(X, W, b, s, p)
        np.testing.assert_allclose(res["nd"], expected, rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(res["gluon"], expected, rtol=1e-4, atol=1e-4)
        same = m.same_padding(X.shape[2], W.shape[2], s) + m.same_padding(X.shape[3], W.shape[3], s)
        np.testing.assert_allclose(res["same"], m.conv2d(X, W, b, s, same), rtol=1e-10, atol=1e-10)
    # 步幅 2、边长 8、3×3：TensorFlow 的 "same" 只在下/右补一行，MXNet 的 pad=1 上下各补一行，结果不同
    case, res = cases[5], results[5]
    assert case["pad"] == 1 and case["stride"] == 2 and case["X"].shape[2] == 8
    assert np.abs(np.array(res["same"]) - np.array(res["nd"])).max() > 1.0


def test_framework_examples_print_the_same_numbers():
    outs = [run_example(CONV_TF), run_example(CONV_MX)]
    for out in outs:
        assert re.search(r"\[\[19\. 25\.\]\s*\[37\. 43\.\]\]", out)
    assert metric(outs[0], "keras Conv2D 与 tf.nn.conv2d 的最大差") < 1e-5
    assert metric(outs[1], "gluon Conv2D 与 nd.Convolution 的最大差") < 1e-5
    tf_diff = metric(outs[0], "SAME 与上下左右各补 1 的最大差")
    assert tf_diff > 1 and tf_diff == pytest.approx(metric(outs[1], "TF 式 same 与 pad=1 的最大差"), abs=0.011)
    assert "步幅 2、SAME 填充的输出形状 (NCHW): (2, 4, 4, 4)" in outs[0]
    assert "步幅 2、VALID 填充的输出形状 (NCHW): (2, 4, 3, 3)" in outs[0]
    assert "步幅 2、pad=0 的输出形状: (2, 4, 3, 3)" in outs[1]
    for out, lib in zip(outs, ("GradientTape", "autograd")):
        diffs = [float(d) for d in re.findall(r"与 NumPy 实现的最大差 ([0-9.e+-]+)", out)]
        assert len(diffs) == 4 and max(diffs) < 1e-4                # float32 的舍入
        grads = re.findall(lib + r" 与手写梯度的最大差 ∂L/∂X ([0-9.e+-]+), ∂L/∂W ([0-9.e+-]+), ∂L/∂b ([0-9.e+-]+)", out)
        assert len(grads) == 2 and max(float(g) for row in grads for g in row) < 1e-4


# ------------------------------------------------------------------ 反向：手写 = 中心差分 = TF = MXNet

@pytest.fixture(scope="module")
def grad_cases():
    rng = np.random.default_rng(4)
    m = load_example(BACK)
    cases = []
    for (n, c, h, w, f, k, s), pad in zip(SHAPES[:5], (1, 0, 1, 2, 0)):
        X, W, b = random_case(rng, n, c, h, w, f, k)
        R = rng.normal(size=m.conv2d_forward(X, W, b, s, pad).shape)
        cases.append({"X": X, "W": W, "b": b, "stride": s, "pad": pad, "R": R})
    return cases


def test_backward_formulas_match_finite_differences(grad_cases):
    m = load_example(BACK)
    conv = load_example(CONV)
    for case in grad_cases[:3]:
        X, W, b, s, p, R = (case[k] for k in ("X", "W", "b", "stride", "pad", "R"))
        np.testing.assert_allclose(m.conv2d_forward(X, W, b, s, p), conv.conv2d(X, W, b, s, p), rtol=1e-12, atol=1e-12)
        grads = m.conv2d_backward(R, X, W, s, p)
        loss = lambda: np.sum(R * m.conv2d_forward(X, W, b, s, p))  # noqa: E731, B023
        for g, A in zip(grads, (X, W, b)):
            assert g.shape == A.shape
            np.testing.assert_allclose(g, m.numerical_grad(loss, A), rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(grads[2], R.sum(axis=(0, 2, 3)), rtol=1e-12)
    # 能发现错误：忘记按步幅取位置（把 s 当成 1）的“梯度”通不过
    case = grad_cases[1]
    X, W, b, R = case["X"], case["W"], case["b"], case["R"]
    assert case["stride"] == 2
    wrong = sum(np.einsum("nfhw,nchw->fc", R, X[:, :, u:u + R.shape[2], v:v + R.shape[3]])[..., None]
                * (np.arange(9) == 3 * u + v).reshape(3, 3) for u in range(3) for v in range(3))
    assert m.relative_error(wrong, m.conv2d_backward(R, X, W, 2, 0)[1]) > 1e-2


def test_stride_one_input_gradient_is_a_convolution_with_the_rotated_kernel():
    m = load_example(BACK)
    rng = np.random.default_rng(5)
    for k, pad in ((3, 0), (3, 1), (5, 2), (2, 0), (5, 1)):
        X, W, b = random_case(rng, 2, 3, 9, 9, 4, k)
        G = rng.normal(size=m.conv2d_forward(X, W, b, 1, pad).shape)
        np.testing.assert_allclose(m.input_grad_as_convolution(G, W, pad), m.conv2d_backward(G, X, W, 1, pad)[0],
                                   rtol=1e-12, atol=1e-12)


def test_backward_equals_tensorflow_autodiff(grad_cases):
    import tensorflow as tf
    m = load_example(BACK)
    for case in grad_cases:
        X, W, b, s, p, R = (case[k] for k in ("X", "W", "b", "stride", "pad", "R"))
        Xv, Wv, bv = (tf.Variable(a, dtype=tf.float64) for a in (np.transpose(X, (0, 2, 3, 1)),
                                                               np.transpose(W, (2, 3, 1, 0)), b))
        with tf.GradientTape() as tape:
            Y = tf.nn.conv2d(Xv, Wv, s, [[0, 0], [p, p], [p, p], [0, 0]]) + bv
            loss = tf.reduce_sum(Y * np.transpose(R, (0, 2, 3, 1)))
        dX, dW, db = tape.gradient(loss, [Xv, Wv, bv])
        ours = m.conv2d_backward(R, X, W, s, p)
        np.testing.assert_allclose(ours[0], np.transpose(dX.numpy(), (0, 3, 1, 2)), rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(ours[1], np.transpose(dW.numpy(), (3, 2, 0, 1)), rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(ours[2], db.numpy(), rtol=1e-10, atol=1e-10)


def test_backward_equals_mxnet_autograd(grad_cases, tmp_path):
    m = load_example(BACK)
    results = call_mxnet("cnn.conv_grads", path=str(save_cases(tmp_path / "grads.npz", grad_cases)))
    for case, res in zip(grad_cases, results):
        ours = m.conv2d_backward(case["R"], case["X"], case["W"], case["stride"], case["pad"])
        for g, key in zip(ours, ("dX", "dW", "db")):
            np.testing.assert_allclose(res[key], g, rtol=1e-10, atol=1e-10, err_msg=key)


def test_backward_example_output():
    out = run_example(BACK)
    errs = [float(e) for e in re.findall(r"最大相对误差: ([0-9.e+-]+)", out)]
    assert len(errs) == 3 and max(errs) < 1e-8          # 中心差分 h = 1e-6：实际约 1e-9
    rot = re.findall(r"四边各补 (\d)：G 四边各补 k−1−\d = (\d) 个 0，∂L/∂X 与“旋转卷积核再卷积”的最大差: ([0-9.e+-]+)", out)
    assert [(int(p), int(q)) for p, q, _ in rot] == [(0, 2), (1, 1)]        # k = 3：补 k − 1 − 每边的填充
    assert max(float(d) for *_, d in rot) < 1e-12
    # 反向 ≈ 前向的两倍：示例数出的乘加次数，三者都等于 N·F·C·kh·kw·Ho·Wo（2·4·3·3·3·7·7）
    m = re.search(r"乘加次数：前向 (\d+)，∂L/∂W (\d+)，∂L/∂X (\d+)；反向 ÷ 前向 = ([0-9.]+)", out)
    assert m, out
    assert int(m.group(1)) == int(m.group(2)) == int(m.group(3)) == 2 * 4 * 3 * 3 * 3 * 7 * 7
    assert m.group(4) == "2.00"


# ------------------------------------------------------------------ 池化

POOL_CASES = [(2, 2, "max"), (2, 2, "avg"), (3, 2, "max"), (3, 2, "avg"), (3, 1, "max"), (2, 1, "avg")]


@pytest.fixture(scope="module")
def pool_cases():
    rng = np.random.default_rng(6)
    m = load_example(POOL)
    cases = []
    for k, s, mode in POOL_CASES:
        X = rng.normal(size=(2, 3, 7, 8))                # 连续随机数：窗口里没有并列的最大值
        R = rng.normal(size=m.pool_forward(X, k, s, mode).shape)
        cases.append({"X": X, "R": R, "k": k, "stride": s, "mode": mode})
    for k, s in ((2, 2), (3, 1)):                        # 并列的最大值（像 ReLU 之后的背景）
        X = np.maximum(rng.normal(size=(2, 3, 7, 8)), 0)
        X[:, :, :5, :5] = 0.25
        R = rng.normal(size=m.pool_forward(X, k, s, "max").shape)
        cases.append({"X": X, "R": R, "k": k, "stride": s, "mode": "max"})
    return cases


def test_pooling_equals_tensorflow(pool_cases):
    import tensorflow as tf
    m = load_example(POOL)
    for case in pool_cases:
        X, R, k, s, mode = (case[key] for key in ("X", "R", "k", "stride", "mode"))
        Xv = tf.Variable(np.transpose(X, (0, 2, 3, 1)))
        op = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
        with tf.GradientTape() as tape:
            Y = op(Xv, k, s, "VALID")
            loss = tf.reduce_sum(Y * np.transpose(R, (0, 2, 3, 1)))
        dX = np.transpose(tape.gradient(loss, Xv).numpy(), (0, 3, 1, 2))
        np.testing.assert_allclose(m.pool_forward(X, k, s, mode), np.transpose(Y.numpy(), (0, 3, 1, 2)), rtol=1e-12)
        np.testing.assert_allclose(m.pool_backward(R, X, k, s, mode), dX, rtol=1e-12, atol=1e-12)


def test_pooling_equals_mxnet(pool_cases, tmp_path):
    m = load_example(POOL)
    results = call_mxnet("cnn.pooling", path=str(save_cases(tmp_path / "pool.npz", pool_cases)))
    for case, res in zip(pool_cases, results):
        X, R, k, s, mode = (case[key] for key in ("X", "R", "k", "stride", "mode"))
        np.testing.assert_allclose(res["Y"], m.pool_forward(X, k, s, mode), rtol=1e-12)
        np.testing.assert_allclose(res["dX"], m.pool_backward(R, X, k, s, mode), rtol=1e-12, atol=1e-12)


def test_pooling_gradient_sums_and_ties():
    m = load_example(POOL)
    rng = np.random.default_rng(7)
    X = rng.normal(size=(1, 2, 6, 6))
    G = rng.normal(size=(1, 2, 3, 3))
    for mode in ("max", "avg"):                          # 不重叠的窗口：梯度总量守恒
        assert m.pool_backward(G, X, 2, 2, mode).sum() == pytest.approx(G.sum())
    # 全相等的窗口：整个梯度只给第一个位置，不会被复制 4 份
    dX = m.pool_backward(np.ones((1, 1, 1, 1)), np.zeros((1, 1, 2, 2)), 2, 2, "max")
    np.testing.assert_array_equal(dX[0, 0], [[1, 0], [0, 0]])


def test_pooling_example_output():
    out = run_example(POOL)
    assert re.search(r"最大池化（2×2，步幅 2）:\s*\[\[6\. 5\.\]\s*\[7\. 9\.\]\]", out)
    assert re.search(r"平均池化（2×2，步幅 2）:\s*\[\[3\.5 2\. \]\s*\[2\.5 6\. \]\]", out)
    assert re.search(r"它的反向（上游梯度全为 1）:\s*\[\[0\. 0\. 0\. 0\.\]\s*\[0\. 0\. 0\. 0\.\]\s*\[0\. 0\. 4\. 0\.\]", out)
    # 卷积 → 池化：并列的最大值真的影响 ∂L/∂b；只给第一个与中心差分相同，给每一个则偏大
    n_win, tied = (int(x) for x in re.search(r"(\d+) 个窗口中有 (\d+) 个的最大值并列", out).groups())
    numeric, first, every = (float(x) for x in re.search(
        r"∂L/∂b：中心差分 ([\d.]+)，只给第一个 ([\d.]+)，给每个并列的 ([\d.]+)", out).groups())
    assert tied >= 1 and numeric == pytest.approx(n_win, abs=1e-3) and first == n_win
    assert every >= n_win + tied


# ------------------------------------------------------------------ 感受野

def test_receptive_field_formula_matches_autodiff():
    m = load_example(RF)
    rng = np.random.default_rng(8)
    stacks = list(m.NETWORKS.values())
    for _ in range(6):                                   # 随机的卷积/池化堆叠
        stacks.append([("conv" if rng.random() < 0.6 else "pool", int(rng.integers(1, 5)), int(rng.integers(1, 3)))
                       for _ in range(int(rng.integers(1, 5)))])
    for layers in stacks:
        r, _ = m.receptive_field(layers)
        if r > 40:
            continue
        assert m.measured_size(m.input_gradient(layers, 48)) == (r, r), layers


def test_receptive_field_example_output():
    out = run_example(RF)
    expected = {"本章的小卷积网络": (6, 2), "LeNet-5（C1–C5）": (32, 4), "两个 3×3 卷积": (5, 1), "三个 3×3 卷积": (7, 1)}
    for name, (r, j) in expected.items():
        assert f"{name}: 公式 r = {r}，累计步幅 j = {j}，实测 {r}×{r}" in out
    assert metric(out, "三个 3×3 卷积的权重数") == 27 * 64 * 64
    assert metric(out, "一个 7×7 卷积的权重数") == 49 * 64 * 64
    r = run_example_raw(RF, "--size", "10")
    assert r.returncode == 2 and "--size" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ 小卷积网络

def test_lenet_backprop_matches_finite_differences():
    m = load_example(LENET["numpy"])
    X_tr, _, y_tr, _ = m.load_data()
    X, y = X_tr[:8].astype(np.float64), y_tr[:8]
    params = [p.astype(np.float64) + 0.05 for p in m.init_params(8, 1)]   # 偏置非零：背景处的池化窗口出现并列
    _, grads = m.loss_and_grads(params, X, y)
    rng = np.random.default_rng(0)
    h = 1e-6
    for i, p in enumerate(params):
        for _ in range(6):
            idx = tuple(rng.integers(0, s) for s in p.shape)
            plus, minus = [q.copy() for q in params], [q.copy() for q in params]
            plus[i][idx] += h
            minus[i][idx] -= h
            numeric = (m.loss_and_grads(plus, X, y)[0] - m.loss_and_grads(minus, X, y)[0]) / (2 * h)
            assert grads[i][idx] == pytest.approx(numeric, rel=1e-5, abs=1e-7), (i, idx)


def test_lenet_pool_breaks_ties_like_tensorflow():
    """ReLU 之后的背景全是同一个值：NumPy 与 TF 都把梯度交给窗口里的第一个最大值。"""
    import tensorflow as tf
    m = load_example(LENET["numpy"])
    rng = np.random.default_rng(9)
    A = np.maximum(rng.normal(size=(2, 3, 8, 8)), 0)
    A[:, :, :4, :4] = 0.25
    G = rng.normal(size=(2, 3, 4, 4))
    Y, mask = m.pool(A)
    Av = tf.Variable(np.transpose(A, (0, 2, 3, 1)))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.max_pool2d(Av, 2, 2, "VALID") * np.transpose(G, (0, 2, 3, 1)))
    dA = np.transpose(tape.gradient(loss, Av).numpy(), (0, 3, 1, 2))
    np.testing.assert_allclose(m.unpool(G, mask), dA, rtol=1e-12, atol=1e-12)


def test_lenet_shared_setup_is_identical():
    def source(rel, name):
        text = (EXAMPLES / rel).read_text(encoding="utf-8")
        node = next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == name)
        return ast.get_source_segment(text, node)

    for name in ("load_data", "init_params", "minibatches"):
        ref = source(LENET["numpy"], name)
        for rel in LENET.values():
            assert source(rel, name) == ref, f"{rel} 的 {name} 与 NumPy 版不同"


def test_lenet_numpy_keras_gluon_take_the_same_steps():
    """同样的初始权重、批量顺序与 Adam：3 轮（24 步）之后参数几乎相同。

    差别来自 float32 舍入，Adam 在梯度很小的分量上会把它放大；实测最大约 3e-4。"""
    n_train, epochs = 256, 3
    m, t = load_example(LENET["numpy"]), load_example(LENET["tf"])
    X_tr, _, y_tr, _ = m.load_data()
    params, hist_np = m.train(X_tr[:n_train], y_tr[:n_train], epochs=epochs)
    model, hist_tf = t.train(X_tr[:n_train], y_tr[:n_train], epochs=epochs)
    mx_res = call_mxnet("cnn.lenet_first_epochs", n_train=n_train, epochs=epochs)
    keras_as_numpy = t.to_keras(params, 8)
    for ours, theirs in zip(keras_as_numpy, model.get_weights()):
        np.testing.assert_allclose(theirs, ours, rtol=0, atol=2e-3)
    for ours, theirs in zip(params, mx_res["params"]):
        np.testing.assert_allclose(theirs, ours, rtol=0, atol=2e-3)
    np.testing.assert_allclose(hist_tf, hist_np, rtol=1e-3)
    np.testing.assert_allclose(mx_res["history"], hist_np, rtol=1e-3)


@pytest.fixture(scope="module")
def lenet_outputs():
    return {name: run_example(rel) for name, rel in LENET.items()}


def test_lenet_accuracy_and_parameter_count(lenet_outputs):
    acc = {name: metric(out, "测试准确率") for name, out in lenet_outputs.items()}
    assert acc["tf"] >= 0.98 and acc["mxnet"] >= 0.98, acc
    assert acc["numpy"] >= 0.97, acc
    assert max(acc.values()) - min(acc.values()) <= 2 / 450 + 1e-9, acc     # 至多差两个测试样本
    for out in lenet_outputs.values():
        assert metric(out, "卷积网络参数个数") == 80 + 1168 + 2570 == 3818
    assert metric(lenet_outputs["numpy"], "感知机一章 MLP（64-64-10）参数个数") == 4810
    losses = [metric(out, "最后一轮的训练损失") for out in lenet_outputs.values()]
    assert max(losses) - min(losses) < 5e-3, losses


def test_lenet_rejects_bad_arguments_and_missing_data(tmp_path):
    r = run_example_raw(LENET["numpy"], "--epochs", "0")
    assert r.returncode == 2 and "--epochs" in r.stderr and "Traceback" not in r.stderr
    r = run_example_raw(LENET["numpy"], "--dataset", "fashion-mnist", "--data-dir", str(tmp_path / "无此目录"))
    assert r.returncode == 2 and "Fashion-MNIST" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ 搜索

CNN_TERMS = ("卷积", "卷积神经网络", "池化", "感受野", "填充", "步幅", "互相关", "特征图", "LeNet")


def test_search_finds_the_chapter_terms():
    from browser_support import pages_found_by, site_missing_reason
    reason = site_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    missing = [word for word in CNN_TERMS if "basics/cnn" not in pages_found_by(word)]
    assert not missing, f"搜索这些词找不到卷积神经网络一章：{missing}"
