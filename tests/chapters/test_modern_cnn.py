"""现代卷积神经网络一章：卷积后的批量归一化与层/组归一化（NumPy = Keras = Gluon）、1×1 卷积、全局平均池化、空洞卷积、残差块、小 ResNet、各网络的参数与乘加次数、结构图。"""
import re

import numpy as np
import pytest

from support import call_mxnet, load_example, metric, run_example

D = "basics/modern_cnn/"
BN, BN_TF, BN_MX = D + "batchnorm_conv_numpy.py", D + "batchnorm_conv_tf.py", D + "batchnorm_conv_mxnet.py"
RES, RES_TF, RES_MX = D + "residual_numpy.py", D + "residual_tf.py", D + "residual_mxnet.py"
TRICKS, ARCH, DIAGRAMS = D + "conv1x1_gap_dilation_tf.py", D + "architectures.py", D + "block_diagrams.py"
RESNET = {"tf": D + "resnet_digits_tf.py", "mxnet": D + "resnet_digits_mxnet.py"}


def bn_case(seed=0, n=3, c=4, side=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(3, 2, size=(n, c, side, side))
    return X, rng.uniform(0.5, 2, c), rng.normal(size=c), rng.normal(size=X.shape)


def nhwc(A):
    return np.transpose(A, (0, 2, 3, 1))


# ------------------------------------------------------------------ 批量归一化：公式、反向、批量大小

def test_conv_batchnorm_statistics_per_channel_and_gradients_match_central_differences():
    """每个通道对 N×H×W 求统计量；手写的三个梯度与中心差分（全部元素）一致，每个通道 ∂L/∂x 之和为 0。"""
    m = load_example(BN)
    X, gamma, beta, R = bn_case(n=2, c=3, side=3)
    Y, cache = m.bn_forward(X, gamma, beta)
    Z = (Y - beta[:, None, None]) / gamma[:, None, None]
    np.testing.assert_allclose(Z.mean(axis=(0, 2, 3)), 0, atol=1e-12)
    np.testing.assert_allclose(Z.var(axis=(0, 2, 3)), X.var(axis=(0, 2, 3)) / (X.var(axis=(0, 2, 3)) + 1e-5))
    dX, dgamma, dbeta = m.bn_backward(R, cache)
    loss = lambda: float((R * m.bn_forward(X, gamma, beta)[0]).sum())
    for grad, param in ((dX, X), (dgamma, gamma), (dbeta, beta)):
        assert m.rel_err(grad, m.numeric_grad(loss, param)) < 1e-7
    np.testing.assert_allclose(dX.sum(axis=(0, 2, 3)), 0, atol=1e-10)
    # 推理公式：用总体统计量时与训练模式（批量统计量恰好等于它们）相同
    np.testing.assert_allclose(m.bn_inference(X, gamma, beta, cache[3].ravel(), cache[4].ravel()), Y, atol=1e-12)


def test_batchnorm_example_shows_batch_size_dependence_and_the_degenerate_batch():
    """训练与推理输出之差随批量增大而减小；1×1 特征图、批量为 1 时输出等于 β、梯度为 0；层/组归一化与批量无关。"""
    out = run_example(BN)
    rows = [float(v) for v in re.findall(r"^\s*\d+\s+([0-9.]+)$", out, re.M)]
    assert len(rows) == 5 and all(a > b for a, b in zip(rows, rows[1:])) and rows[0] > 4 * rows[-1]
    assert "= β" in out and metric(out, "∂L/∂X 的最大绝对值") == 0
    for label in ("∂L/∂X 与中心差分的相对误差", "∂L/∂γ 与中心差分的相对误差", "∂L/∂β 与中心差分的相对误差"):
        assert metric(out, label) < 1e-7
    assert metric(out, "批量归一化：第一个样本单独计算与在批量中计算的最大差") > 0.1
    assert metric(out, "层归一化：第一个样本单独计算与在批量中计算的最大差") < 1e-12
    assert metric(out, "组归一化（2 组）：第一个样本单独计算与在批量中计算的最大差") < 1e-12
    m = load_example(BN)
    y = m.bn_forward(np.ones((1, 3, 1, 1)) * 5.0, np.array([2.0, 3.0, 4.0]), np.array([0.1, 0.2, 0.3]))[0]
    np.testing.assert_allclose(y.ravel(), [0.1, 0.2, 0.3])


def test_numpy_batchnorm_equals_keras_batchnorm_axis_minus_1():
    """``BatchNormalization(axis=-1)`` 在 NHWC 上：训练输出、梯度、滑动平均、推理输出与 NumPy（ε=1e-3、m=0.99）相同。"""
    m, t = load_example(BN), load_example(BN_TF)
    X, gamma, beta, R = bn_case(1)
    out = t.keras_batchnorm(nhwc(X).astype(np.float32), gamma.astype(np.float32), beta.astype(np.float32),
                            nhwc(R).astype(np.float32))
    assert (out["momentum"], out["epsilon"]) == (0.99, 1e-3)
    Y, cache = m.bn_forward(X, gamma, beta, eps=1e-3)
    dX, dgamma, dbeta = m.bn_backward(R, cache)
    np.testing.assert_allclose(out["train"], nhwc(Y), atol=1e-4)
    np.testing.assert_allclose(out["dx"], nhwc(dX), atol=1e-4)
    np.testing.assert_allclose(out["dgamma"], dgamma, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(out["dbeta"], dbeta, rtol=1e-5, atol=1e-4)
    mean, var = 0.01 * cache[3].ravel(), 0.99 + 0.01 * cache[4].ravel()
    np.testing.assert_allclose(out["moving_mean"], mean, rtol=1e-5)
    np.testing.assert_allclose(out["moving_var"], var, rtol=1e-5)
    np.testing.assert_allclose(out["infer"], nhwc(m.bn_inference(X, gamma, beta, mean, var, 1e-3)), atol=1e-4)


def test_numpy_batchnorm_equals_gluon_batchnorm_axis_1(tmp_path):
    """``nn.BatchNorm(axis=1)`` 在 NCHW 上：训练输出、梯度、滑动平均（backward 之后）、推理输出与 NumPy（ε=1e-5、m=0.9）相同。"""
    m = load_example(BN)
    X, gamma, beta, R = bn_case(2)
    np.savez(tmp_path / "bn.npz", X=X.astype(np.float32), gamma=gamma, beta=beta, R=R.astype(np.float32))
    out = call_mxnet("modern_cnn.batchnorm", path=str(tmp_path / "bn.npz"))
    assert (out["momentum"], out["epsilon"]) == (0.9, 1e-5)
    Y, cache = m.bn_forward(X, gamma, beta, eps=1e-5)
    dX, dgamma, dbeta = m.bn_backward(R, cache)
    for key, expected in (("train", Y), ("dx", dX), ("dgamma", dgamma), ("dbeta", dbeta)):
        np.testing.assert_allclose(out[key], expected, rtol=1e-4, atol=1e-4)
    mean, var = 0.1 * cache[3].ravel(), 0.9 + 0.1 * cache[4].ravel()
    np.testing.assert_allclose(out["moving_mean"], mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out["moving_var"], var, rtol=1e-5)
    np.testing.assert_allclose(out["infer"], m.bn_inference(X, gamma, beta, mean, var, 1e-5), atol=1e-4)


def test_layer_and_group_norm_numpy_equal_keras_and_gluon(tmp_path):
    """``group_norm``（G=1 即层归一化）= Keras ``LayerNormalization(axis=[1, 2, 3])``、``GroupNormalization`` = Gluon ``GroupNorm``。"""
    m, t = load_example(BN), load_example(BN_TF)
    X = np.random.default_rng(3).normal(1, 2, size=(3, 6, 4, 4))
    ones, zeros = np.ones(6), np.zeros(6)
    y, shape, eps = t.keras_layernorm(nhwc(X).astype(np.float32), [1, 2, 3])
    assert shape == (4, 4, 6) and eps == 1e-3
    np.testing.assert_allclose(y, nhwc(m.group_norm(X, ones, zeros, 1, eps)), atol=1e-4)
    y_default = t.keras_layernorm(nhwc(X).astype(np.float32), -1)[0]
    assert np.abs(y_default - y).max() > 0.5                       # 默认 axis=-1 是另一种运算
    for groups in (2, 3, 6):
        y, shape, eps = t.keras_groupnorm(nhwc(X).astype(np.float32), groups)
        assert shape == (6,)
        np.testing.assert_allclose(y, nhwc(m.group_norm(X, ones, zeros, groups, eps)), atol=1e-4)
    np.savez(tmp_path / "gn.npz", X=X.astype(np.float32))
    results = call_mxnet("modern_cnn.group_norms", path=str(tmp_path / "gn.npz"), groups=[1, 2, 3])
    for groups, res in zip((1, 2, 3), results):
        assert res["gamma_shape"] == [groups] and res["eps"] == 1e-5    # MXNet 1.9：每组一个 γ
        np.testing.assert_allclose(res["y"], m.group_norm(X, ones, zeros, groups, 1e-5), atol=1e-4)


def test_normalization_framework_examples_print_agreement():
    """两个框架示例打印的批量均值与 NumPy 示例相同，各项差都在 float32 舍入以内。"""
    outs = {rel: run_example(rel) for rel in (BN, BN_TF, BN_MX)}
    means = {rel: re.search(r"批量均值: \[([^\]]+)\]", out).group(1).split() for rel, out in outs.items()}
    assert means[BN] == means[BN_TF] == means[BN_MX]
    for rel in (BN_TF, BN_MX):
        for label in ("训练模式输出与 γ·x̂+β（对 N、H、W 求统计量）之差", "推理模式输出与滑动平均公式之差",
                      "每个通道 ∂L/∂x 之和（应为 0）", "∂L/∂γ 与 Σ g·x̂ 之差"):
            assert metric(outs[rel], label) < 1e-4, (rel, label)
    assert "Keras 默认值: momentum=0.99, epsilon=0.001" in outs[BN_TF]
    assert "Gluon 默认值: momentum=0.9, epsilon=1e-05" in outs[BN_MX]
    assert metric(outs[BN_TF], "若误写 axis=1（把“高”当通道），输出与正确结果的最大差") > 0.1
    assert metric(outs[BN_TF], "与 axis=[1, 2, 3] 的最大差") > 0.5
    assert "nn.GroupNorm(num_groups=3)，6 个通道：γ 的形状 (3,)" in outs[BN_MX]


# ------------------------------------------------------------------ 1×1 卷积、全局平均池化、空洞卷积

def test_dilated_output_size_formula_matches_keras_and_gluon():
    """⌊(n + p − d(k−1) − 1)/s⌋ + 1 与 Keras（步幅 1）、Gluon（含步幅 2、3）的输出边长一致；池化步幅默认等于窗口。"""
    import tensorflow as tf
    t = load_example(TRICKS)
    keras_cases = [(n, k, d) for n in (9, 12, 17) for k in (1, 2, 3, 5) for d in (1, 2, 3) if d * (k - 1) + 1 <= n]
    for n, k, d in keras_cases:
        y = tf.keras.layers.Conv2D(1, k, dilation_rate=d)(np.zeros((1, n, n, 1), np.float32))
        assert y.shape[1] == t.dilated_output_size(n, k, d) == n - d * (k - 1)
    cases = [(n, k, d, s, p) for n in (9, 16) for k in (3, 5) for d in (1, 2) for s in (1, 2, 3) for p in (0, 2)]
    res = call_mxnet("modern_cnn.conv_shapes", cases=cases)
    assert res["conv"] == [t.dilated_output_size(n, k, d, s, 2 * p) for n, k, d, s, p in cases]
    assert res["pool"] == [4, 4] and res["pool_strides"] == [2, 2]
    assert t.dilated_output_size(16, 3, 1, 2, 2) == (16 + 2 - 3) // 2 + 1              # d = 1 时是原来的公式
    np.testing.assert_array_equal(t.dilate_kernel(np.arange(4.0).reshape(2, 2, 1, 1), 3)[:, :, 0, 0],
                                  [[0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], [2, 0, 0, 3]])


def test_head_parameter_counts_and_tricks_example_output():
    """两种分类头的参数个数（HWC·K+K 与 C·K+K，VGG-16 的三个全连接层）；1×1 卷积 = 矩阵乘法；感受野公式 = 实测。"""
    t = load_example(TRICKS)
    assert t.head_params(7, 512, 1000) == (7 * 7 * 512 * 1000 + 1000, 512 * 1000 + 1000)
    assert t.head_params(7, 512, 1000, (4096, 4096))[0] == 25088 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 1000 + 1000
    assert t.head_params(4, 16, 10) == t.head_params_keras(4, 16, 10) == (2570, 170)
    out = run_example(TRICKS)
    assert metric(out, "Conv2D(4, 1) 与 (每个像素的 16 维向量) @ (16×4 矩阵) + b 的最大差") < 1e-5
    assert metric(out, "与对高、宽求平均之差") < 1e-5
    assert metric(out, "空洞率 2 的 3×3 卷积与插入 0 后的 5×5 普通卷积的最大差") < 1e-5
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", out, re.M)
    assert len(rows) == 6 and all(r[4] == r[5] for r in rows)
    fields = re.findall(r"感受野公式 (\d+)，实测 (\d+)", out)
    assert fields == [("7", "7"), ("15", "15")]
    assert "MaxPooling2D(2) 的 strides 默认 (2, 2)" in out


# ------------------------------------------------------------------ 残差块

def test_residual_block_backward_matches_central_differences_everywhere():
    """残差块（恒等与投影捷径）的 ∂L/∂x 与各参数梯度，对全部元素与中心差分比较。"""
    m = load_example(RES)
    rng = np.random.default_rng(5)
    for c_in, c_out, stride in ((2, 2, 1), (2, 3, 2)):
        x, P = rng.normal(size=(2, c_in, 5, 5)), m.init_block(rng, c_in, c_out, stride)
        y, cache = m.block_forward(x, P, stride)
        R = rng.normal(size=y.shape)
        dx, grads = m.block_backward(R, cache, P, stride)
        assert set(grads) == set(P) and ("Ws" in P) == (stride == 2)
        def loss(x=x, P=P, stride=stride, R=R):
            return float((R * m.block_forward(x, P, stride)[0]).sum())
        for key, A in [("x", x)] + list(P.items()):
            num = np.zeros_like(A)
            for i in np.ndindex(A.shape):
                old = A[i]
                A[i] = old + 1e-6
                up = loss()
                A[i] = old - 1e-6
                num[i] = (up - loss()) / 2e-6
                A[i] = old
            np.testing.assert_allclose(dx if key == "x" else grads[key], num, rtol=1e-5, atol=1e-6)
    # 去掉捷径后只剩经过卷积的那一项：恒等捷径贡献的正是 g
    x, P = rng.normal(size=(1, 2, 4, 4)), m.init_block(rng, 2, 2)
    y, cache = m.block_forward(x, P)
    G = rng.normal(size=y.shape)
    dx_plain = m.block_backward(G, (cache[0], cache[1], cache[2], cache[3]), P, residual=False)[0]
    np.testing.assert_allclose(m.block_backward(G, cache, P)[0] - dx_plain, G * (cache[3] > 0), atol=1e-12)


def test_gradient_norms_plain_stack_vanishes_residual_stack_does_not():
    """普通堆叠的 ‖∂L/∂x₀‖/‖∂L/∂y‖ 随块数单调下降到很小，残差堆叠在所有深度都不小于 0.5。"""
    out = run_example(RES)
    rows = [(int(d), float(a), float(b)) for d, a, b in re.findall(r"^\s*(\d+)\s+([0-9.e+-]+)\s+([0-9.e+-]+)$", out, re.M)]
    assert [d for d, _, _ in rows] == [1, 2, 4, 8, 16, 32]
    plain, res = [a for _, a, _ in rows], [b for _, _, b in rows]
    assert all(p > q for p, q in zip(plain, plain[1:])) and plain[-1] < 1e-6
    assert min(res) > 0.5 and res[-1] > 1e5 * plain[-1]
    assert all(float(v) < 1e-6 for v in re.findall(r"与中心差分的最大差 ([0-9.e+-]+)", out))


def test_residual_block_numpy_equals_keras_and_gluon(tmp_path):
    """同样的权重：Keras（NHWC、显式 ZeroPadding2D）与 Gluon 残差块的输出、∂L/∂x、∂L/∂W 与 NumPy 相同；步幅 2 时 Keras 的 "same" 不同。"""
    m, t = load_example(RES), load_example(RES_TF)
    rng = np.random.default_rng(6)
    cases, arrays = [], {}
    for i, (c_in, c_out, stride) in enumerate(((3, 3, 1), (3, 4, 2), (2, 5, 1))):
        x, P = rng.normal(size=(2, c_in, 6, 6)), m.init_block(rng, c_in, c_out, stride)
        y, cache = m.block_forward(x, P, stride)
        R = rng.normal(size=y.shape)
        dx, grads = m.block_backward(R, cache, P, stride)
        cases.append((x, P, stride, R, y, dx, grads))
        arrays.update({f"{i}_x": x, f"{i}_R": R, f"{i}_stride": stride} | {f"{i}_P_{k}": v for k, v in P.items()})
        y_tf, dx_tf, (dW1, dW2) = t.block_tf(x, P, stride, R)
        np.testing.assert_allclose(y_tf, y, atol=1e-4)
        np.testing.assert_allclose(dx_tf, dx, atol=1e-4)
        np.testing.assert_allclose(dW1, grads["W1"], atol=1e-3)
        np.testing.assert_allclose(dW2, grads["W2"], atol=1e-3)
        assert t.block_tf(x, P, stride)[1] == sum(v.size for v in P.values())
        if stride == 2:
            assert np.abs(t.block_tf(x, P, stride, same_padding=True)[0] - y).max() > 0.1
    np.savez(tmp_path / "res.npz", **arrays)
    for (_, P, _, _, y, dx, grads), res in zip(cases, call_mxnet("modern_cnn.residual_blocks",
                                                                      path=str(tmp_path / "res.npz"), n=len(cases))):
        np.testing.assert_allclose(res["y"], y, atol=1e-4)
        np.testing.assert_allclose(res["dx"], dx, atol=1e-4)
        np.testing.assert_allclose(res["dW1"], grads["W1"], atol=1e-3)
        np.testing.assert_allclose(res["dW2"], grads["W2"], atol=1e-3)
        assert res["params"] == sum(v.size for v in P.values())


def test_residual_examples_print_the_same_numbers():
    """三个残差块示例打印的参数个数、输出之和与第一行输出逐字相同。"""
    pattern = r"(恒等捷径|投影捷径)：.*?参数 (\d+) 个.*?输出之和 ([-0-9.]+)，y\[0, 0, 0\] = (\[[^\]]*\])"
    found = [re.findall(pattern, run_example(rel)) for rel in (RES, RES_TF, RES_MX)]
    assert len(found[0]) == 2 and found[0] == found[1] == found[2]


# ------------------------------------------------------------------ 小 ResNet 与各网络的规模

@pytest.mark.parametrize("kind", sorted(RESNET))
def test_small_resnet_trains_on_digits(kind):
    """小 ResNet 与普通网络的测试准确率都不低于 0.95、训练损失都降到 0.1 以下；两者的参数只差投影捷径。"""
    out = run_example(RESNET[kind])
    rows = {name: (int(p), float(loss), float(acc)) for name, p, loss, acc in
            re.findall(r"^(小 ResNet|普通网络)\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)(?:\s+[0-9.]+)?$", out, re.M)}
    assert set(rows) == {"小 ResNet", "普通网络"}
    assert min(acc for _, _, acc in rows.values()) >= 0.95
    assert max(loss for _, loss, _ in rows.values()) < 0.1
    assert rows["小 ResNet"][0] - rows["普通网络"][0] == 16 * 32 + 2 * 32      # 1×1 投影卷积 + 它的 γ、β
    if kind == "tf":
        assert "上一章的小卷积网络（两个卷积层、展平 + 全连接）: 3818 个参数" in out
        assert metric(out, "训练步骤被追踪的次数") == 1          # 每轮最后那个较小的批量也没有重新追踪


def test_architecture_counts_match_published_totals():
    """逐层推算的参数个数等于公认的总数（AlexNet 60,965,224，VGG-16 138,357,544，ResNet-18/50，DenseNet-121）。"""
    a = load_example(ARCH)
    counts = {name: f() for name, f in a.NETS.items()}
    params = {name.split(" ")[0]: n.params for name, n in counts.items()}
    assert params["AlexNet"] == 60_965_224 and params["VGG-16"] == 138_357_544
    assert params["ResNet-18"] == 11_689_512 and params["ResNet-50"] == 25_557_032
    assert params["DenseNet-121"] == 7_978_856
    assert 6.5e6 < params["GoogLeNet"] < 7.1e6 and 7e6 < params["NiN"] < 8e6   # 论文：GoogLeNet 约 680 万
    macs = {name.split(" ")[0]: n.macs for name, n in counts.items()}
    assert macs["VGG-16"] == pytest.approx(15.47e9, rel=0.01) and macs["ResNet-50"] == pytest.approx(4.1e9, rel=0.02)
    assert macs["ResNet-18"] == pytest.approx(1.8e9, rel=0.02) and macs["GoogLeNet"] == pytest.approx(1.5e9, rel=0.1)
    assert all(n.c == 1000 for n in counts.values())
    n = a.Net(8, 3).conv(4, 3)                                       # 一层的手算：8×8×3 → 8×8×4
    assert (n.params, n.macs, n.side) == (3 * 9 * 4 + 4, 64 * 27 * 4, 8)
    out = run_example(ARCH)
    assert re.search(r"AlexNet \(2012\)\s+60\.97\s+0\.72", out) and re.search(r"VGG-16 \(2014\)\s+138\.36", out)


def test_block_diagrams_are_drawn_from_the_counted_configurations(monkeypatch):
    """结构图里每个块的各条路径（层的种类、卷积核、步幅、通道）与 architectures.py 推算参数时逐层记下的层相同；
    “全网共几个”与那里数出的块数相同；打印的输出通道与拼接/相加的规则一致。"""
    a, d = load_example(ARCH), load_example(DIAGRAMS)
    # 推算参数的每一步（卷积、池化、全连接、汇合）都记下来：图里的层与程序实际加上的层逐一比较
    record = {"conv": lambda c_out, k, s=1, *_, **__: ("conv", k, s, c_out), "pool": lambda k, s, p=0: ("pool", k, s),
              "fc": lambda n_out, n_in=None: ("fc", n_out),
              "merge": lambda *branches, channels: ("merge", [b.layers for b in branches])}

    def logged(name, method):
        def wrapper(self, *args, **kwargs):
            self.__dict__.setdefault("layers", []).append(record[name](*args, **kwargs))
            return method(self, *args, **kwargs)
        return wrapper

    for name in record:
        monkeypatch.setattr(a.Net, name, logged(name, getattr(a.Net, name)))
    monkeypatch.setattr(a.Net, "layers", (), raising=False)     # 还没加层的路径（恒等捷径）
    nets = {name.split(" ")[0]: f() for name, f in a.NETS.items()}
    blocks = {name.split("（")[0]: block for name, block in d.BLOCKS.items()}
    assert set(blocks) <= set(nets) and len(blocks) == 6

    def merges(net):
        return [[list(p) for p in paths] for kind, *rest in net.layers if kind == "merge" for paths in rest]

    assert blocks["AlexNet"][2] == [nets["AlexNet"].layers]                       # 整个网络
    assert blocks["VGG-16"][2] == [nets["VGG-16"].layers[:a.VGG16[0][1] + 1]]     # 第一块：卷积若干 + 池化
    assert blocks["NiN"][2] == [nets["NiN"].layers[:4]]
    assert blocks["GoogLeNet"][2] == merges(nets["GoogLeNet"])[0]                # Inception（3a）的四条路径
    assert blocks["ResNet-50"][2][0] == merges(nets["ResNet-50"])[1][0]           # 第二个块：恒等捷径
    assert len(merges(nets["ResNet-50"])[1]) == 1 and blocks["ResNet-50"][2][1] == []
    assert blocks["DenseNet-121"][2][0] == merges(nets["DenseNet-121"])[0][0] and blocks["DenseNet-121"][2][1] == []
    assert blocks["DenseNet-121"][2][0][-1][3] == a.DENSENET121[1]               # 每层新增的通道 = 增长率
    repeats = {"VGG-16": len(a.VGG16), "NiN": len(a.NIN), "GoogLeNet": len(merges(nets["GoogLeNet"])),
               "ResNet-50": len(merges(nets["ResNet-50"])), "DenseNet-121": len(merges(nets["DenseNet-121"]))}
    assert {k: b[4] for k, b in blocks.items() if k in repeats} == repeats and blocks["AlexNet"][4] == 1
    assert d.out_channels(192, blocks["GoogLeNet"][2], "拼接") == sum(a.GOOGLENET[0][i] for i in (0, 2, 4, 5)) == 256
    out = run_example(DIAGRAMS)
    assert "GoogLeNet（2014）：Inception 块（3a），4 条路径，6 个带权重的层，输出 256 通道，全网共 9 个" in out
    assert "ResNet-50（2015）：瓶颈块（恒等捷径），2 条路径，3 个带权重的层，输出 256 通道，全网共 16 个" in out
    assert "AlexNet（2012）：整个网络，1 条路径，8 个带权重的层，输出 1000 通道" in out
