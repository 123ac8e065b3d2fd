"""注意力一章：掩码 softmax 与 √d 的方差、多头注意力 NumPy = Keras = MXNet、位置编码的相对位移、Transformer 编码器块与解码器块 = Keras = MXNet 与参数公式、倒序任务的准确率下限、KV 缓存与代价表的公式。"""
import math
import re

import numpy as np
import pytest

from support import call_mxnet, load_example, metric, run_example

D = "basics/attention/"
SCALED, MHA_TF, MHA_MX = D + "scaled_dot_numpy.py", D + "multihead_tf.py", D + "multihead_mxnet.py"
PE, BLOCK, REVERSE = D + "positional_encoding_numpy.py", D + "transformer_block_tf.py", D + "reverse_transformer_tf.py"
KV, NW, COST = D + "kv_cache_numpy.py", D + "kernel_regression_numpy.py", D + "cost_table_numpy.py"
DEC_TF, DEC_MX = D + "decoder_block_tf.py", D + "decoder_block_mxnet.py"


# ------------------------------------------------------------------ 缩放点积注意力与掩码

def test_masked_softmax_zeroes_masked_positions_and_matches_a_direct_loop():
    """掩码 softmax：被遮住的位置权重恰为 0，其余位置等于只在可见位置上做 softmax；注意力等于逐查询的循环。"""
    m = load_example(SCALED)
    rng = np.random.default_rng(0)
    Q, K, V = rng.normal(size=(3, 4, 6)), rng.normal(size=(3, 7, 6)), rng.normal(size=(3, 7, 2))
    valid = [7, 3, 1]
    out, w = m.attention(Q, K, V, m.padding_mask(valid, 7))
    for b, n in enumerate(valid):
        assert np.all(w[b, :, n:] == 0)
        for i in range(4):
            s = K[b, :n] @ Q[b, i] / np.sqrt(6)
            ref = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
            np.testing.assert_allclose(w[b, i, :n], ref, rtol=1e-12)
            np.testing.assert_allclose(out[b, i], ref @ V[b, :n], rtol=1e-12)
    c = m.causal_mask(5)
    assert np.array_equal(c, np.tril(np.ones((5, 5), bool)))
    X = rng.normal(size=(5, 6))
    w = m.attention(X, X, X, c)[1]
    assert np.all(w[np.triu_indices(5, 1)] == 0) and np.allclose(w.sum(-1), 1)
    assert np.all(m.masked_softmax(np.zeros((2, 3)), np.zeros((2, 3), bool)) == 0)   # 整行被遮住：全 0，不是 NaN
    wrong = m.masked_softmax(rng.normal(size=(2, 5)))              # 能发现错误：不加掩码时填充位置有权重
    assert wrong[:, 3:].min() > 0


def test_dot_product_variance_is_d_and_scaling_keeps_softmax_from_saturating():
    """q·k 的方差等于 d（实测在 5% 以内）；不缩放时最大权重随 d 增大，除以 √d 后与 d 无关。"""
    m = load_example(SCALED)
    peaks, scaled = [], []
    for d in (4, 16, 64, 256):
        var, peak = m.dot_stats(d, scale=False)
        assert var == pytest.approx(d, rel=0.05)
        peaks.append(peak)
        scaled.append(m.dot_stats(d)[1])
    assert all(a < b for a, b in zip(peaks, peaks[1:])) and peaks[-1] > 0.9
    assert max(scaled) - min(scaled) < 0.03
    out = run_example(SCALED)
    assert metric(out, "填充位置上的最大权重") == 0 and metric(out, "改动填充位置的值后输出的变化") == 0
    assert metric(out, "改动第 4 个位置后前 3 个输出的变化") == 0
    rows = re.findall(r"d=(\d+)\s+方差\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out)
    assert [int(r[0]) for r in rows] == [4, 16, 64, 256]
    assert all(float(v) == pytest.approx(int(d), rel=0.05) for d, v, _, _ in rows)


# ------------------------------------------------------------------ 多头注意力：NumPy = Keras = MXNet

def mha_cases():
    t = load_example(MHA_TF)
    rng = np.random.default_rng(1)
    cases = []
    for h, d_k, d_model, T, S in ((4, 8, 16, 5, 5), (2, 3, 8, 4, 6), (1, 16, 16, 3, 3)):
        p = t.init_mha(d_model, h, d_k, seed=h)
        q = rng.normal(size=(2, T, d_model)).astype(np.float32)
        kv = q if T == S else rng.normal(size=(2, S, d_model)).astype(np.float32)
        mask = rng.random((2, T, S)) < 0.7
        mask[..., 0] = True
        cases.append((p, q, kv, h, d_k, mask))
    return cases


def test_multihead_numpy_equals_keras_with_kernel_layouts():
    """同样的权重（query/key/value 核 (d_model, h, d_k)、输出核 (h, d_k, d_model)）装进 Keras，输出与权重相同；参数个数符合公式。"""
    t = load_example(MHA_TF)
    for p, q, kv, h, d_k, mask in mha_cases():
        for msk in (None, mask):
            ours, A = t.mha_numpy(p, q, kv, h, msk)
            theirs, A_k, layer = t.mha_keras(p, q, kv, h, d_k, msk)
            np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5)
            np.testing.assert_allclose(A, A_k, rtol=1e-4, atol=1e-6)
        d_model = q.shape[-1]
        assert layer.count_params() == 4 * d_model * h * d_k + 3 * h * d_k + d_model
    # 能发现错误：把 (d_model, h·d_k) 的核直接按 (d_model, d_k, h) 排列，结果就不同
    p, q, kv, h, d_k, _ = mha_cases()[0]
    bad = dict(p, Wq=p["Wq"].reshape(16, d_k, h).transpose(0, 2, 1).reshape(16, -1))
    assert np.abs(t.mha_numpy(bad, q, kv, h)[0] - t.mha_keras(p, q, kv, h, d_k)[0]).max() > 1e-2
    out = run_example(MHA_TF)
    diffs = [float(v) for v in re.findall(r"NumPy 与 Keras \S+的最大差: ([0-9.e+-]+)", out)]
    assert len(diffs) == 6 and max(diffs) < 1e-5
    assert metric(out, "参数个数") == 2160


def test_multihead_mxnet_batch_dot_equals_numpy(tmp_path):
    """MXNet 用 batch_dot 搭的多头注意力（头并进批量维）与 NumPy 的输出、权重相同；两个示例打印同样的数。"""
    t = load_example(MHA_TF)
    arrays, cases = {}, mha_cases()
    for i, (p, q, kv, h, d_k, mask) in enumerate(cases):
        arrays.update({f"{i}_{k}": v for k, v in p.items()})
        arrays.update({f"{i}_q": q, f"{i}_kv": kv, f"{i}_h": h, f"{i}_dk": d_k, f"{i}_mask": mask})
    np.savez(tmp_path / "mha.npz", n=len(cases), **arrays)
    for (p, q, kv, h, _d_k, mask), res in zip(cases, call_mxnet("attention.multihead", path=str(tmp_path / "mha.npz"))):
        ours, A = t.mha_numpy(p, q, kv, h, mask)
        np.testing.assert_allclose(res["y"], ours, rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(res["A"], A, rtol=1e-4, atol=1e-6)
    tf_out, mx_out = run_example(MHA_TF), run_example(MHA_MX)
    tail = lambda out: out.split("第 1 个序列因果自注意力的输出（前 4 维）:")[1].strip()  # noqa: E731
    assert tail(tf_out) == tail(mx_out)
    assert metric(mx_out, "参数个数") == 2160
    assert all(float(v) == 0 for v in re.findall(r"被遮住位置上的最大权重: ([0-9.e+-]+)", mx_out))


# ------------------------------------------------------------------ 位置编码

def test_positional_encoding_formula_and_relative_shift():
    """位置编码按公式逐项计算；P[pos+k] = M_k P[pos] 对所有位置成立，内积只依赖距离 Σ cos(kω_i)。"""
    m = load_example(PE)
    n, d = 50, 16
    P = m.positional_encoding(n, d)
    for pos in (0, 3, 49):
        for i in range(d // 2):
            w = 1 / 10000 ** (2 * i / d)
            assert P[pos, 2 * i] == pytest.approx(math.sin(pos * w)) and P[pos, 2 * i + 1] == pytest.approx(math.cos(pos * w))
    for k in (1, 7, 30):
        np.testing.assert_allclose(P[k:], P[:-k] @ m.shift_matrix(k, d).T, atol=1e-12)
        omega = 1 / 10000 ** (np.arange(0, d, 2) / d)
        np.testing.assert_allclose(np.sum(P[:-k] * P[k:], axis=1), np.cos(k * omega).sum(), atol=1e-12)
    assert np.abs(P[5:] - P[:-5] @ m.shift_matrix(4, d).T).max() > 0.1      # 位移不对就不成立
    out = run_example(PE)
    for label in ("位移 k=1 : 所有位置上 PE[pos+k] 与 M_k·PE[pos] 的最大差", "内积 PE[p]·PE[p+k] 随 p 的最大变化（k 固定）"):
        assert metric(out, label) < 1e-12
    assert "最小 4.0000, 最大 4.0000" in out


# ------------------------------------------------------------------ Transformer 块

def test_transformer_block_numpy_equals_keras_and_parameter_formula():
    """前、后归一化的块：NumPy 从零实现 = Keras 层搭的块；参数个数 = 4d² + 2d·d_ff + 9d + d_ff。"""
    m = load_example(BLOCK)
    for d, h, d_ff in ((16, 2, 32), (24, 4, 40)):
        p = m.init_block(d, d_ff, seed=3)
        x = np.random.default_rng(3).normal(size=(3, 5, d)).astype(np.float32)
        for pre in (False, True):
            model = m.block_keras(p, d, h, d_ff, pre)
            np.testing.assert_allclose(m.block_numpy(p, x, h, pre), np.asarray(model(x)), rtol=1e-4, atol=1e-4)
            assert model.count_params() == m.param_count(d, d_ff) == 4 * d * d + 2 * d * d_ff + 9 * d + d_ff
        assert np.abs(m.block_numpy(p, x, h, False) - m.block_numpy(p, x, h, True)).max() > 0.1
    out = run_example(BLOCK)
    assert len(re.findall(r"Keras 参数个数 8544，公式 8544", out)) == 2
    assert all(float(v) < 1e-5 for v in re.findall(r"NumPy 与 Keras 输出的最大差: ([0-9.e+-]+)", out))
    post, pre = (list(map(float, re.search(rf"{name}: ([\d. ]+)$", out, re.M).group(1).split()))
                 for name in ("  后归一化", "  前归一化"))
    assert all(abs(v - math.sqrt(32)) < 1.0 for v in post) and pre[-1] > 2 * pre[0] > post[-1]


def test_transformer_block_gluon_equals_numpy(tmp_path):
    """Gluon 搭的同一个块（LayerNorm 的 γ、β，Dense 的权重转置）与 NumPy 的输出相同；两个示例打印同样的数。"""
    m = load_example(BLOCK)
    d, h, d_ff = 24, 3, 40
    p = m.init_block(d, d_ff, seed=4)
    x = np.random.default_rng(4).normal(size=(2, 7, d)).astype(np.float32)
    np.savez(tmp_path / "block.npz", x=x, h=h, **{f"p_{k}": v for k, v in p.items()})
    res = call_mxnet("attention.encoder_block", path=str(tmp_path / "block.npz"))
    for pre in (False, True):
        np.testing.assert_allclose(res[str(pre)], m.block_numpy(p, x, h, pre), rtol=1e-4, atol=1e-4)
    tf_out, mx_out = run_example(BLOCK), run_example(D + "transformer_block_mxnet.py")
    lines = lambda out: re.findall(r"^.*第 1 个序列第 1 个位置的输出.*$", out, re.M)  # noqa: E731
    assert len(lines(tf_out)) == 2 and lines(tf_out) == lines(mx_out)
    assert mx_out.count("Gluon 参数个数 8544，公式 8544") == 2


def decoder_case(d, d_ff, seed, valid=(6, 3, 1)):
    m = load_example(DEC_TF)
    rng = np.random.default_rng(seed)
    x, mem = (rng.normal(size=(len(valid), n, d)).astype(np.float32) for n in (5, 6))
    return m.init_decoder(d, d_ff, seed), x, mem, list(valid)


def test_decoder_block_numpy_equals_keras_with_causal_and_padding_masks():
    """解码器块（因果自注意力 + 交叉注意力 + 前馈，前、后归一化）：NumPy = Keras；参数个数 = 8d² + 2d·d_ff + 15d + d_ff；
    后面的解码器位置与编码器的填充位置都影响不到输出。"""
    m = load_example(DEC_TF)
    for d, h, d_ff in ((16, 2, 32), (24, 4, 40)):
        p, x, mem, valid = decoder_case(d, d_ff, seed=d)
        mask = (np.arange(6)[None, None] < np.array(valid)[:, None, None]).repeat(5, 1)
        for pre in (False, True):
            model = m.decoder_keras(p, d, h, d_ff, pre)
            ours, A = m.decoder_numpy(p, x, mem, h, valid, pre)
            np.testing.assert_allclose(ours, np.asarray(model([x, mem, mask])), rtol=1e-4, atol=1e-4)
            assert model.count_params() == m.param_count(d, d_ff) == 8 * d * d + 2 * d * d_ff + 15 * d + d_ff
            assert A.shape == (3, h, 5, 6) and np.allclose(A.sum(-1), 1) and np.all(A[~mask[:, None].repeat(h, 1)] == 0)
            x2, mem2 = x.copy(), mem.copy()
            x2[:, 2:] += 1.0
            mem2[1, 3:] += 1.0
            np.testing.assert_allclose(m.decoder_numpy(p, x2, mem, h, valid, pre)[0][:, :2], ours[:, :2], atol=1e-6)
            np.testing.assert_allclose(m.decoder_numpy(p, x, mem2, h, valid, pre)[0], ours, atol=1e-6)
            # 能发现错误：不遮填充位置（全部可见），结果就与 Keras 不同
            assert np.abs(m.decoder_numpy(p, x, mem, h, [6, 6, 6], pre)[0] - ours).max() > 1e-2
    out = run_example(DEC_TF)
    assert 8 * 32 * 32 + 2 * 32 * 64 + 15 * 32 + 64 == 12832
    assert out.count("Keras 参数个数 12832，公式 12832") == 2
    assert all(float(v) < 1e-5 for v in re.findall(r"NumPy 与 Keras 输出的最大差: ([0-9.e+-]+)", out))
    assert metric(out, "改动解码器第 4、5 个位置后前 3 个位置输出的变化") == 0
    assert metric(out, "改动编码器填充位置后输出的变化") == 0
    assert metric(out, "第 2 个序列落在填充位置上的最大权重") == 0


def test_decoder_block_gluon_equals_numpy(tmp_path):
    """Gluon 搭的解码器块（块里生成的因果掩码、输入的填充掩码）与 NumPy 的输出相同；两个示例打印同样的数。"""
    m = load_example(DEC_TF)
    d, h, d_ff = 24, 3, 40
    p, x, mem, valid = decoder_case(d, d_ff, seed=5)
    np.savez(tmp_path / "dec.npz", x=x, m=mem, h=h, valid=valid, **{f"p_{k}": v for k, v in p.items()})
    res = call_mxnet("attention.decoder_block", path=str(tmp_path / "dec.npz"))
    for pre in (False, True):
        np.testing.assert_allclose(res[str(pre)], m.decoder_numpy(p, x, mem, h, valid, pre)[0], rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(res["hybridized"], res["False"], rtol=1e-5, atol=1e-5)
    tf_out, mx_out = run_example(DEC_TF), run_example(DEC_MX)
    lines = lambda out: re.findall(r"^.*第 1 个序列第 1 个位置的输出.*$", out, re.M)  # noqa: E731
    assert len(lines(tf_out)) == 2 and lines(tf_out) == lines(mx_out)
    assert mx_out.count("Gluon 参数个数 12832，公式 12832") == 2


# ------------------------------------------------------------------ 训练：倒序数字串

def test_reverse_transformer_learns_the_task_and_looks_at_the_mirrored_position():
    """小 Transformer 的贪心解码在 500 个新数字串上整串准确率 ≥ 0.95，注意力最大处指向被抄的位置。"""
    out = run_example(REVERSE)
    assert metric(out, "贪心解码的整串准确率") >= 0.95
    assert metric(out, "贪心解码的逐位准确率") >= 0.98
    assert metric(out, "预测 y_i 的位置注意力最大处恰是 x_(n+1-i) 的比例") >= 0.9
    for x, y in re.findall(r"输入 (\d+) → 输出 (\d+)", out):
        assert y == x[::-1]
    d = 32
    assert metric(out, "参数个数") == 11 * d + 12 * d + (4 * d * d + 2 * d * 2 * d + 9 * d + 2 * d) + 2 * d + 11 * d + 11
    m = load_example(REVERSE)
    data = m.make_data(20, 5, seed=0)
    assert np.all(data[:, 5] == m.SEP) and np.array_equal(data[:, 6:], data[:, 4::-1])


def test_reverse_transformer_gluon_learns_the_task_too():
    """Gluon 版（batch_dot 注意力、下三角因果掩码）同样达到整串准确率 ≥ 0.95，参数个数与 Keras 版相同。"""
    out, keras_out = run_example(D + "reverse_transformer_mxnet.py"), run_example(REVERSE)
    assert metric(out, "贪心解码的整串准确率") >= 0.95
    assert metric(out, "参数个数") == metric(keras_out, "参数个数") == 9707
    for x, y in re.findall(r"输入 (\d+) → 输出 (\d+)", out):
        assert y == x[::-1]
    losses = [float(v) for v in out.split("每轮的训练损失:")[1].split("\n")[0].split()]
    assert losses[-1] < 0.1 < losses[0]


# ------------------------------------------------------------------ KV 缓存、核回归、代价表

def test_kv_cache_gives_identical_outputs_and_the_counted_cost():
    """KV 缓存与重算的生成结果相同；乘法次数等于公式 Σ(3td² + 2td + d²) 与 Σ(4d² + 2td)。"""
    m = load_example(KV)
    d, steps = 8, 20
    p, x0 = m.init(d, 1), np.random.default_rng(1).normal(size=d)
    (X1, f1), (X2, f2) = m.generate(p, x0, steps, False), m.generate(p, x0, steps, True)
    np.testing.assert_allclose(X1, X2, atol=1e-12)
    assert f1 == sum(3 * t * d * d + 2 * t * d + d * d for t in range(1, steps + 1))
    assert f2 == sum(4 * d * d + 2 * t * d for t in range(1, steps + 1))
    out = run_example(KV)
    rows = re.findall(r"^(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([0-9.e+-]+)$", out, re.M)
    assert [int(r[0]) for r in rows] == [16, 64, 256] and all(float(r[4]) < 1e-12 for r in rows)


def test_kernel_regression_is_softmax_attention_and_tends_to_nearest_neighbour():
    """核回归的权重是 softmax(−(x−xᵢ)²/2σ²)；σ→0 时等于最近邻；加性注意力的权重是打分的 softmax。"""
    m = load_example(NW)
    rng = np.random.default_rng(2)
    xk, yv, xq = np.sort(rng.uniform(0, 5, 30)), rng.normal(size=30), rng.uniform(0, 5, 12)
    pred, w = m.nadaraya_watson(xq, xk, yv, 0.7)
    k = np.exp(-(xq[:, None] - xk) ** 2 / (2 * 0.7 ** 2))
    np.testing.assert_allclose(pred, (k @ yv) / k.sum(1), rtol=1e-12)
    near = yv[np.abs(xq[:, None] - xk).argmin(1)]
    np.testing.assert_allclose(m.nadaraya_watson(xq, xk, yv, 1e-4)[0], near, atol=1e-6)
    Q, K, V = rng.normal(size=(2, 3)), rng.normal(size=(4, 5)), rng.normal(size=(4, 2))
    Wq, Wk, wv = rng.normal(size=(3, 6)), rng.normal(size=(5, 6)), rng.normal(size=6)
    out, aw = m.additive_attention(Q, K, V, Wq, Wk, wv)
    s = np.array([[wv @ np.tanh(Wq.T @ q + Wk.T @ kk) for kk in K] for q in Q])
    np.testing.assert_allclose(aw, np.exp(s) / np.exp(s).sum(1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(out, aw @ V, rtol=1e-12)
    text = run_example(NW)
    mse = [float(v) for v in re.findall(r"^\d\.\d\d\s+([\d.]+)", text, re.M)]
    assert len(mse) == 3 and mse[1] < min(mse[0], mse[2])      # σ 适中时误差最小
    assert metric(text, "σ→0 时与“取最近邻的值”的最大差") < 1e-3


def test_cost_table_path_lengths_match_formulas():
    """代价表：数出的最长路径 = n−1、⌈(n−1)/(k−1)⌉、⌈log_k n⌉；自注意力与循环网络的计算量在 n = d/2 相等。"""
    m = load_example(COST)
    for n in (2, 5, 16, 27, 28, 100):
        for k in (2, 3, 5):
            assert m.layers_to_connect(n, m.conv_grow(k)) == math.ceil((n - 1) / (k - 1))
            assert m.layers_to_connect(n, m.dilated_grow(k)) == max(1, math.ceil(math.log(n, k) - 1e-9))
    out = run_example(COST)
    rows = {int(r[0]): list(map(float, r[1:])) for r in
            re.findall(r"^\s*(\d+) \|\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) \|\s+\d+\s+\d+\s+\d+ \|\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$",
                       out, re.M)}
    assert sorted(rows) == [16, 64, 256, 512, 1024, 4096]
    assert rows[256][0] == rows[256][1] and rows[64][0] < rows[64][1] and rows[1024][0] > rows[1024][1]
    assert rows[4096][4:] == [4095, 2048, 8]
