"""循环神经网络一章：BPTT = 中心差分 = GradientTape = autograd，三种全局范数裁剪相同，雅可比连乘与谱半径，n 元语法与困惑度，字符级语言模型（NumPy、Keras、Gluon），LSTM/GRU = Keras = Gluon，门控下的雅可比连乘。"""
import ast
import re

import numpy as np
import pytest

from support import EXAMPLES, call_mxnet, load_example, metric, run_example, run_example_raw

D = "basics/rnn/"
BPTT, RNN_TF, RNN_MX = D + "bptt_numpy.py", D + "rnn_tf.py", D + "rnn_mxnet.py"
TIME, TEXT, NGRAM, CHAR = D + "gradient_time_numpy.py", D + "text_data.py", D + "ngram_numpy.py", D + "char_rnn_numpy.py"
CELL_TF, CELL_MX = D + "lstm_gru_tf.py", D + "lstm_gru_mxnet.py"
CHAR_TF, CHAR_MX, GATE = D + "char_rnn_tf.py", D + "char_rnn_mxnet.py", D + "gate_gradient_numpy.py"
NAMES = ("W_xh", "W_hh", "b_h", "W_hq", "b_q", "h0")


def save_cases(path, cases):
    arrays = {"n": len(cases)}
    for i, case in enumerate(cases):
        arrays.update({f"{i}_{k}": v for k, v in case.items()})
    np.savez(path, **arrays)
    return str(path)


def source(rel, name):
    text = (EXAMPLES / rel).read_text(encoding="utf-8")
    node = next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(text, node)


@pytest.fixture(scope="module")
def rnn_cases():
    """(V, H, T, n)：含 T = 1、单个序列、隐藏层比词表大的情形。"""
    m = load_example(BPTT)
    cases = []
    for i, (V, H, T, n) in enumerate([(6, 5, 12, 3), (4, 7, 1, 2), (5, 3, 9, 1), (3, 4, 20, 4)]):
        X, Y = m.make_batch(V, T, n, seed=i)
        h0 = np.random.default_rng(100 + i).normal(0, 0.5, (n, H))
        cases.append({"params": m.init_params(V, H, seed=i), "X": X, "Y": Y, "h0": h0})
    return cases


# ------------------------------------------------------------------ BPTT

def test_bptt_matches_finite_differences(rnn_cases):
    """手写的 BPTT 求出的六个梯度（含 ``h0``）与中心差分的相对误差小于 10⁻⁷（四种形状，含 T = 1）；漏掉沿时间往回传的项就通不过。"""
    m = load_example(BPTT)
    for c in rnn_cases:
        params, X, Y, h0 = c["params"], c["X"], c["Y"], c["h0"]
        grads, dh0 = m.bptt(params, X, Y, h0)
        for g, A in zip(grads + [dh0], params + [h0]):
            assert g.shape == A.shape
            num = m.numerical_grad(lambda: m.loss_fn(params, X, Y, h0), A)   # noqa: B023
            assert m.relative_error(g, num) < 1e-7
    # 能发现错误：漏掉沿时间往回传的那一项（即每步截断）的 ∂L/∂W_hh 通不过中心差分
    c = rnn_cases[0]
    num = m.numerical_grad(lambda: m.loss_fn(c["params"], c["X"], c["Y"], c["h0"]), c["params"][1])
    assert m.relative_error(m.bptt(c["params"], c["X"], c["Y"], c["h0"], truncate=1)[0][1], num) > 1e-2


def test_truncated_bptt_is_exact_only_without_truncation(rnn_cases):
    """k ≥ T 时截断 BPTT 就是完整的 BPTT；k = 1 只剩每一步自己的那一项，与完整梯度明显不同。"""
    m = load_example(BPTT)
    c = rnn_cases[0]
    full, _ = m.bptt(c["params"], c["X"], c["Y"], c["h0"])
    T = c["X"].shape[0]
    for k in (T, 2 * T):
        for a, b in zip(m.bptt(c["params"], c["X"], c["Y"], c["h0"], truncate=k)[0], full):
            np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)
    one, _ = m.bptt(c["params"], c["X"], c["Y"], c["h0"], truncate=1)
    assert m.relative_error(one[1], full[1]) > 0.1
    for a, b in zip(one[3:], full[3:]):                         # 输出层的梯度与截断无关
        np.testing.assert_allclose(a, b, rtol=1e-14, atol=1e-15)


def test_bptt_equals_gradienttape(rnn_cases):
    """同样的权重装进 ``keras.layers.SimpleRNN``，``GradientTape`` 求出的损失与梯度和手写 BPTT 相同（相对误差 10⁻¹⁰ 以内）。"""
    m, t = load_example(BPTT), load_example(RNN_TF)
    for c in rnn_cases:
        loss, grads = t.keras_loss_and_grads(c["params"], c["X"], c["Y"], c["h0"])
        ours, dh0 = m.bptt(c["params"], c["X"], c["Y"], c["h0"])
        assert loss == pytest.approx(m.loss_fn(c["params"], c["X"], c["Y"], c["h0"]), rel=1e-12)
        for name, a, b in zip(NAMES, ours + [dh0], grads):
            np.testing.assert_allclose(b, a, rtol=1e-10, atol=1e-12, err_msg=name)


def test_bptt_equals_mxnet_autograd(rnn_cases, tmp_path):
    """同样的权重装进 ``gluon.rnn.RNN``（转置、两个偏置），``autograd`` 求出的损失与梯度和手写 BPTT 相同。"""
    m = load_example(BPTT)
    cases = [{**{f"p{i}": p for i, p in enumerate(c["params"])}, "X": c["X"], "Y": c["Y"], "h0": c["h0"]}
             for c in rnn_cases]
    results = call_mxnet("rnn.rnn_grads", path=save_cases(tmp_path / "rnn.npz", cases))
    for c, res in zip(rnn_cases, results):
        ours, dh0 = m.bptt(c["params"], c["X"], c["Y"], c["h0"])
        assert res["loss"] == pytest.approx(m.loss_fn(c["params"], c["X"], c["Y"], c["h0"]), rel=1e-12)
        for name, a, b in zip(NAMES, ours + [dh0], res["grads"]):
            np.testing.assert_allclose(b, a, rtol=1e-10, atol=1e-12, err_msg=name)


# ------------------------------------------------------------------ 梯度裁剪

def test_clip_global_norm_equals_tf_and_gluon(tmp_path):
    """范数大于 θ 时缩放到 θ、小于时不变；Gluon 的比例是 θ / (‖g‖ + 10⁻⁸)，只差约 10⁻⁸（相对）。"""
    import tensorflow as tf
    t = load_example(RNN_TF)
    rng = np.random.default_rng(0)
    cases = []
    for k, theta in ((3, 0.5), (2, 100.0), (5, 1.0), (1, 2.0)):
        grads = [rng.normal(size=rng.integers(1, 6, size=2)).astype(np.float32) for _ in range(k)]
        cases.append({"k": k, "theta": theta, **{f"g{i}": g for i, g in enumerate(grads)}})
    results = call_mxnet("rnn.clip", path=save_cases(tmp_path / "clip.npz", cases))
    for c, res in zip(cases, results):
        grads = [c[f"g{i}"].astype(np.float64) for i in range(c["k"])]
        ours, norm = t.clip_global_norm(grads, c["theta"])
        assert norm == pytest.approx(np.sqrt(sum((g ** 2).sum() for g in grads)), rel=1e-12)
        new = np.sqrt(sum((g ** 2).sum() for g in ours))
        assert new == pytest.approx(min(norm, c["theta"]), rel=1e-12)
        if norm < c["theta"]:
            for a, g in zip(ours, grads):
                np.testing.assert_array_equal(a, g)
        clipped, tf_norm = tf.clip_by_global_norm([tf.constant(g) for g in grads], c["theta"])
        assert float(tf_norm) == pytest.approx(norm, rel=1e-12)
        for a, b, g in zip(ours, clipped, res["clipped"]):
            np.testing.assert_allclose(b.numpy(), a, rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(g, a, rtol=2e-6, atol=1e-7)
        assert res["norm"] == pytest.approx(norm, rel=1e-6)


def test_keras_global_clipnorm_option_and_forget_bias_default():
    """优化器的 global_clipnorm=θ 等于先按全局范数裁剪再更新；Keras LSTM 默认把遗忘门的偏置初始化为 1。"""
    import keras
    import tensorflow as tf
    t = load_example(RNN_TF)
    rng = np.random.default_rng(1)
    values, grads = [rng.normal(size=3), rng.normal(size=(2, 2))], [rng.normal(size=3) * 5, rng.normal(size=(2, 2)) * 5]
    variables = [tf.Variable(v) for v in values]
    keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=0.5).apply_gradients(
        zip([tf.constant(g) for g in grads], variables))
    for v, x, g in zip(variables, values, t.clip_global_norm(grads, 0.5)[0]):
        np.testing.assert_allclose(v.numpy(), x - g, rtol=1e-6, atol=1e-7)
    assert keras.losses.SparseCategoricalCrossentropy(from_logits=True).dtype == "float32"   # 损失默认按 float32 算
    layer = keras.layers.LSTM(3)
    layer.build((None, 2, 4))
    bias = layer.get_weights()[2]
    np.testing.assert_array_equal(bias, np.r_[np.zeros(3), np.ones(3), np.zeros(6)])   # 顺序 i、f、c̃、o


def test_framework_examples_print_the_same_numbers():
    """三个示例打印的损失与六个梯度范数逐位相同；截断 BPTT 的误差随 k 增大而减小、k = T 时为 0；两个框架的裁剪结果与公式相同。"""
    outs = [run_example(BPTT), run_example(RNN_TF), run_example(RNN_MX)]
    losses = {metric(o, "损失") for o in outs}
    assert len(losses) == 1, losses
    for name in NAMES:
        norms = [re.search(rf"{name} +\([0-9, ]+\)：梯度范数 ([0-9.]+)", o).group(1) for o in outs]
        assert len(set(norms)) == 1, (name, norms)
    for diff in re.findall(r"BPTT 与中心差分的相对误差 ([0-9.e+-]+)", outs[0]):
        assert float(diff) < 1e-7
    trunc = [tuple(map(float, r)) for r in re.findall(r"k = +\d+: W_hh 的梯度 ([0-9.]+)，W_xh 的梯度 ([0-9.]+)", outs[0])]
    assert len(trunc) == 5 and trunc[-1] == (0.0, 0.0)
    for col in (0, 1):                                  # k 越大越接近完整的 BPTT
        assert all(a[col] > b[col] for a, b in zip(trunc, trunc[1:])), trunc
    for out in outs[1:]:
        clipped = re.findall(r"θ = ([0-9.]+)：裁剪后的全局范数 ([0-9.]+).*?最大差 ([0-9.e+-]+)", out)
        norm = metric(out, "全局范数 ‖g‖")
        assert len(clipped) == 2
        assert clipped[0][0] == clipped[0][1] and float(clipped[1][1]) == norm     # θ < ‖g‖ 裁到 θ；否则不变
        assert all(float(d) < 1e-7 for _, _, d in clipped)
    for name in ("init_params", "make_batch"):
        assert source(BPTT, name) == source(RNN_TF, name) == source(RNN_MX, name)
    assert source(RNN_TF, "clip_global_norm") == source(RNN_MX, "clip_global_norm")


# ------------------------------------------------------------------ 随时间爆炸与消失

def test_jacobian_product_follows_the_spectral_radius():
    """缩放后的矩阵谱半径恰为 ρ；‖W^k‖^{1/k} → ρ；正交矩阵乘 ρ 时每步恰好乘 ρ，加上 tanh 只会更小。"""
    m = load_example(TIME)
    for rho in (0.8, 1.0, 1.3):
        W = m.scaled_recurrent(32, rho, seed=1)
        assert np.max(np.abs(np.linalg.eigvals(W))) == pytest.approx(rho, rel=1e-10)
        norms = m.jacobian_norms(W, 200, "linear")
        np.testing.assert_allclose(norms[9], np.linalg.norm(np.linalg.matrix_power(W, 10), 2), rtol=1e-10)
        assert norms[-1] ** (1 / 200) == pytest.approx(rho, rel=0.03)            # ‖W^k‖^{1/k} → ρ
    # 示例里的矩阵（64 维、种子 0）：‖W^k‖/ρ^k 在最初几步变化，之后大致不变
    for rho in (0.8, 1.2):
        W = m.scaled_recurrent(64, rho, seed=0)
        ratio = m.jacobian_norms(W, 60, "linear") / rho ** np.arange(1, 61)
        assert ratio[59] == pytest.approx(ratio[19], rel=0.05) and abs(ratio[4] - ratio[0]) > 0.2
    # 正交矩阵乘 ρ：每一步恰好乘 ρ；tanh 的导数 ≤ 1，只会更小
    Q = np.linalg.qr(np.random.default_rng(2).normal(size=(16, 16)))[0]
    np.testing.assert_allclose(m.jacobian_norms(1.1 * Q, 30, "linear"), 1.1 ** np.arange(1, 31), rtol=1e-10)
    assert np.all(m.jacobian_norms(1.1 * Q, 30, "tanh") <= 1.1 ** np.arange(1, 31) * (1 + 1e-12))


def test_gradient_time_example_output():
    """示例里每步的平均倍数就是 ρ；tanh 网络 ρ = 1 与 1.5 时梯度衰减，ρ = 3 时增长。"""
    out = run_example(TIME)
    for rho, rate in re.findall(r"ρ = ([0-9.]+)：‖W\^60‖.*每步的平均倍数 ([0-9.]+)", out):
        assert float(rate) == pytest.approx(float(rho), abs=0.03)
    tanh = {float(r): float(v) for r, v in re.findall(r"ρ = ([0-9.]+)：k = 10 时 [0-9.e+-]+，k = 60 时 ([0-9.e+-]+)", out)}
    assert tanh[1.0] < 1e-6 and tanh[1.5] < 1e-2 and tanh[3.0] > 1e3, tanh


# ------------------------------------------------------------------ 序列数据、n 元语法与困惑度

def test_corpus_vocab_and_partitions():
    """语料是 72 首整齐的五言或七言诗；词表与编码的约定；随机划分的片段不重叠，顺序划分的每一行接着上一批的同一行。"""
    from mmdl.text import POEMS, build_vocab, encode, poem_split
    assert len(POEMS) == 72
    for title, _, poem in POEMS:                       # 每首诗都是整齐的五言或七言，四句或八句
        lines = re.split("[，。]", poem)[:-1]
        assert len(lines) in (4, 8) and len({len(s) for s in lines}) == 1 and len(lines[0]) in (5, 7), title
    train, test = poem_split()
    vocab = build_vocab(train)
    assert vocab[:2] == ["<unk>", "\n"] and len(set(vocab)) == len(vocab)
    ids = encode(test, vocab)
    assert (ids == 1).sum() == len(test) and ((ids == 0) == [c not in vocab for t in test for c in t + "\n"]).all()
    m = load_example(TEXT)
    seq = np.arange(101)
    for seed in range(4):
        batches = list(m.random_batches(seq, 3, 7, seed))
        starts = [x[0] for X, _ in batches for x in X]
        assert len(set(starts)) == len(starts)                   # 片段不重叠
        assert all((Y == X + 1).all() and (np.diff(X, axis=1) == 1).all() for X, Y in batches)
        seqb = list(m.sequential_batches(seq, 3, 7, seed))
        for (X1, _), (X2, _) in zip(seqb, seqb[1:]):
            assert (X2[:, 0] == X1[:, -1] + 1).all()              # 每一行接着上一批的同一行
        assert all((Y == X + 1).all() for X, Y in seqb)


def test_text_example_output():
    """jieba 的切分结果、独热乘矩阵与 ``keras.layers.Embedding`` 都等于按编号取行、按词的词表比按字的大。"""
    out = run_example(TEXT)
    assert "语料: 72 首诗" in out and "训练集 60 首" in out and "测试集 12 首" in out
    assert "jieba 按词切分: ['床前', '明月光', '，', '疑是', '地上', '霜', '。']" in out
    assert metric(out, "独热 @ W 与 W[编号] 的最大差") == 0
    assert metric(out, "keras.layers.Embedding 与 W[编号] 的最大差") == 0
    assert metric(out, "训练集按词的词表大小") > metric(out, "训练集按字的词表大小")


def test_ngram_probabilities_and_perplexity():
    """n 元语法的条件分布和为 1、计数正确；困惑度 = exp(平均负对数似然)，均匀分布的困惑度是 V。"""
    m = load_example(NGRAM)
    rng = np.random.default_rng(0)
    seq = rng.integers(0, 7, size=300)
    for n in (1, 2, 3):
        model = m.NGram(n, 7, 0.5).fit(seq)
        for ctx in model.contexts(seq[:20]):
            assert model.probs(ctx).sum() == pytest.approx(1.0)
        ll = model.log_likelihoods(seq)
        assert m.perplexity(ll) == pytest.approx(np.exp(-ll.mean()))
    assert m.perplexity(np.full(10, -np.log(7))) == pytest.approx(7)        # 均匀分布：PPL = V
    # 二元语法的计数：c(上下文, x) 与直接数相同
    model = m.NGram(2, 7, 0.0).fit(seq)
    a, b = int(seq[10]), int(seq[11])
    pairs = sum(1 for i in range(len(seq) - 1) if seq[i] == a and seq[i + 1] == b)
    assert model.next[(a,)][b] == pairs


def test_ngram_example_output():
    """输出里困惑度 = exp(交叉熵)、比特 = 奈特 / ln 2；n 越大训练集困惑度越低，测试集上三元语法比二元语法差。"""
    out = run_example(NGRAM)
    V = metric(out, "词表大小 V")
    assert metric(out, "均匀分布的困惑度") == V
    rows = re.findall(r"(\d) 元语法：训练集困惑度 +([0-9.]+)，测试集交叉熵 ([0-9.]+) 奈特 = ([0-9.]+) 比特，"
                      r"测试集困惑度 exp\([0-9.]+\) = +([0-9.]+)", out)
    assert len(rows) == 3
    train = [float(r[1]) for r in rows]
    test = [float(r[4]) for r in rows]
    for _, _, ce, bits, ppl in rows:
        assert float(ppl) == pytest.approx(np.exp(float(ce)), rel=1e-3)
        assert float(bits) == pytest.approx(float(ce) / np.log(2), abs=2e-4)   # 两者都四舍五入到 4 位
    assert train[0] > train[1] > train[2]                  # n 越大，训练集越“熟”
    assert test[2] > test[1] and min(test) > 100           # 测试集上三元语法反而更差：数据太少
    assert metric(out, "测试集的二元组在训练集里出现过的比例") < 0.5


# ------------------------------------------------------------------ 字符级语言模型

def test_char_rnn_gradients_match_finite_differences():
    """字符级模型按编号取行的 BPTT 梯度（同一编号出现多次）与中心差分相同。"""
    m, b = load_example(CHAR), load_example(BPTT)
    rng = np.random.default_rng(0)
    params = m.init_params(6, 4, seed=0)
    params = [p + rng.normal(0, 0.3, p.shape) for p in params]
    X = np.array([[1, 2, 2, 5], [0, 3, 1, 1]])            # 同一个编号出现多次：np.add.at 要把梯度加起来
    Y = np.array([[2, 2, 5, 0], [3, 1, 1, 4]])
    h0 = rng.normal(0, 0.5, (2, 4))
    _, grads, _ = m.loss_and_grads(params, X, Y, h0)
    for g, A in zip(grads, params):
        num = b.numerical_grad(lambda: m.loss_and_grads(params, X, Y, h0)[0], A)
        assert b.relative_error(g, num) < 1e-7


def test_char_rnn_example_output():
    """训练集困惑度降到 20 以下而测试集困惑度先低后高；最低的测试集困惑度低于三种 n 元语法，标点位置的准确率高于二元语法；裁剪后最后一轮的损失与各步损失的最大值都更低；采样的句子多数是五字或七字。"""
    out, ngram = run_example(CHAR), run_example(NGRAM)
    first, last = re.search(r"训练集困惑度: 第 1 轮 ([0-9.]+)，最后一轮 ([0-9.]+)", out).groups()
    assert float(last) < 20 < float(first)
    best, epoch, final = re.search(r"测试集困惑度: 最低 ([0-9.]+)（第 (\d+) 轮），最后一轮 ([0-9.]+)", out).groups()
    assert float(final) > 2 * float(best)                  # 过拟合：测试集困惑度先低后高
    ngram_test = [float(x) for x in re.findall(r"元语法：.*测试集困惑度 exp\([0-9.]+\) = +([0-9.]+)", ngram)]
    assert len(ngram_test) == 3 and float(best) < min(ngram_test)
    rnn_punct = metric(out, "测试集上标点位置的预测准确率")
    bigram_punct = float(re.search(r"2 元语法：.*标点位置的预测准确率 ([0-9.]+)", ngram).group(1))
    assert rnn_punct > bigram_punct + 0.1
    sgd = {name: (float(a), float(b)) for name, a, b in
           re.findall(r"(裁剪到 θ = 1|不裁剪)：最后一轮的平均损失 ([0-9.]+)，各步损失的最大值 ([0-9.]+)", out)}
    assert sgd["裁剪到 θ = 1"][0] < sgd["不裁剪"][0] and sgd["裁剪到 θ = 1"][1] < sgd["不裁剪"][1]
    assert metric(out, "采样 50 首，句长为 5 或 7 的句子所占比例") > 0.5
    samples = out.split("逐字采样）:")[1].split("采样 50 首")[0].split()
    assert [s[:2] for s in samples] == ["明月", "春风", "孤舟"]
    r = run_example_raw(CHAR, "--theta", "0")
    assert r.returncode == 2 and "--theta" in r.stderr and "Traceback" not in r.stderr


def first_batch():
    from mmdl.text import build_vocab, encode, poem_split
    train, _ = poem_split()
    vocab = build_vocab(train)
    X, Y = next(load_example(CHAR).sequential_batches(encode(train, vocab), 8, 24))
    return len(vocab), X, Y


def test_char_rnn_keras_and_gluon_first_batch_equal_numpy():
    """Keras 与 Gluon 的字符级模型装入同样的初始权重后，第一批的损失与五个梯度和 NumPy 版的手写 BPTT 相同（float32 的舍入以内）。"""
    import keras
    import tensorflow as tf
    m, t = load_example(CHAR), load_example(CHAR_TF)
    V, X, Y = first_batch()
    params = m.init_params(V, 64)
    loss, grads, _ = m.loss_and_grads(params, X, Y, np.zeros((8, 64)))
    model = t.CharRNN(V, 64, params)
    with tf.GradientTape() as tape:
        logits, _ = model(tf.constant(X), tf.zeros((8, 64)))
        k_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(Y, logits)
    k_grads = tape.gradient(k_loss, model.trainable_variables)
    assert float(k_loss) == pytest.approx(loss, rel=1e-6)
    res = call_mxnet("rnn.char_rnn_first_batch", hidden=64)
    assert res["loss"] == pytest.approx(loss, rel=1e-6)
    for name, g, a, b in zip(NAMES, grads, k_grads, res["grads"]):
        scale = np.abs(g).max()
        np.testing.assert_allclose(a.numpy(), g, rtol=0, atol=1e-4 * scale, err_msg=name)
        np.testing.assert_allclose(np.array(b), g, rtol=0, atol=1e-4 * scale, err_msg=name)
    np.testing.assert_allclose(res["h2h_bias"], grads[2], rtol=0, atol=1e-4 * np.abs(grads[2]).max())


def test_char_rnn_framework_examples_output():
    """Keras 与 Gluon 的示例与 NumPy 版共用 init_params 与顺序划分；第 1 轮的训练集困惑度与 NumPy 版相差不到 1%；同样过拟合、同样会数字数；生成的文字以给定的两个字开头。"""
    for name in ("init_params", "sequential_batches"):
        assert source(CHAR, name) == source(CHAR_TF, name) == source(CHAR_MX, name), name
    out_np, ngram = run_example(CHAR), run_example(NGRAM)
    np_first = float(re.search(r"训练集困惑度: 第 1 轮 ([0-9.]+)", out_np).group(1))
    bigram_punct = float(re.search(r"2 元语法：.*标点位置的预测准确率 ([0-9.]+)", ngram).group(1))
    for rel in (CHAR_TF, CHAR_MX):
        out = run_example(rel)
        first, last = map(float, re.search(r"训练集困惑度: 第 1 轮 ([0-9.]+)，最后一轮 ([0-9.]+)", out).groups())
        assert first == pytest.approx(np_first, rel=0.01) and last < 20, (rel, first, last)
        best, epoch, final = re.search(r"测试集困惑度: 最低 ([0-9.]+)（第 (\d+) 轮），最后一轮 ([0-9.]+)", out).groups()
        assert epoch == "1" and float(final) > 2 * float(best), rel
        assert metric(out, "测试集上标点位置的预测准确率") > bigram_punct + 0.1, rel
        samples = out.split("逐字采样）:")[1].split()
        assert [s[:2] for s in samples] == ["明月", "春风", "孤舟"], rel
    r = run_example_raw(CHAR_TF, "--epochs", "0")
    assert r.returncode == 2 and "--epochs" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ LSTM 与 GRU

@pytest.fixture(scope="module")
def cell_cases():
    rng = np.random.default_rng(3)
    return [{"X": rng.normal(size=(n, T, d)), "h0": rng.normal(size=(n, H)), "c0": rng.normal(size=(n, H)),
             "seed": seed} for seed, (n, T, d, H) in enumerate([(3, 7, 4, 5), (1, 1, 2, 3), (2, 9, 6, 2)])]


def test_lstm_gru_equal_keras(cell_cases):
    """从零实现的 LSTM 与两种 GRU（``reset_after`` 为 True 与 False）按 Keras 的约定装入后，与 ``keras.layers.LSTM/GRU`` 的输出相同（10⁻¹² 以内）。"""
    import keras
    t = load_example(CELL_TF)
    for c in cell_cases:
        X, h0, c0 = c["X"], c["h0"], c["c0"]
        d, H = X.shape[2], h0.shape[1]
        p = t.init_cell("ifco", d, H, c["seed"])
        ours, h, cc = t.lstm_forward(p, X, h0, c0)
        seq, kh, kc = t.keras_run(keras.layers.LSTM(H, return_sequences=True, return_state=True, dtype="float64"),
                                  t.to_keras_lstm(p), X, [h0, c0])
        for a, b in ((seq, ours), (kh, h), (kc, cc)):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
        q = t.init_cell("zrh", d, H, c["seed"])
        for reset_after in (True, False):
            ours, _ = t.gru_forward(q, X, h0, reset_after)
            seq, _ = t.keras_run(keras.layers.GRU(H, return_sequences=True, return_state=True,
                                                  reset_after=reset_after, dtype="float64"),
                                 t.to_keras_gru(q, reset_after), X, [h0])
            np.testing.assert_allclose(seq, ours, rtol=1e-12, atol=1e-12)


def test_lstm_gru_equal_gluon(cell_cases, tmp_path):
    """同样的单元按 Gluon 的约定（转置、行顺序 r、z、n、两个偏置）装入后，与 ``gluon.rnn.LSTM/GRU`` 的输出相同。"""
    t = load_example(CELL_TF)
    results = call_mxnet("rnn.lstm_gru", path=save_cases(tmp_path / "cells.npz", cell_cases))
    for c, res in zip(cell_cases, results):
        X, h0, c0 = c["X"], c["h0"], c["c0"]
        d, H = X.shape[2], h0.shape[1]
        ours, h, cc = t.lstm_forward(t.init_cell("ifco", d, H, c["seed"]), X, h0, c0)
        for key, b in (("lstm", ours), ("h", h), ("c", cc)):
            np.testing.assert_allclose(res[key], b, rtol=1e-12, atol=1e-12, err_msg=key)
        gru, _ = t.gru_forward(t.init_cell("zrh", d, H, c["seed"]), X, h0, reset_after=True)
        np.testing.assert_allclose(res["gru"], gru, rtol=1e-12, atol=1e-12)


def test_lstm_memory_path_derivative_is_the_forget_gate():
    """LSTM 一步之内，隐状态与输入不变时 ∂c_t/∂c_{t-1} = diag(f_t)：记忆元这条路径不经过权重矩阵与 tanh。"""
    t = load_example(CELL_TF)
    rng = np.random.default_rng(5)
    p = t.init_cell("ifco", 3, 4, seed=2)
    X, h0, c0 = rng.normal(size=(1, 1, 3)), rng.normal(size=(1, 4)), rng.normal(size=(1, 4))
    f = t.sigmoid(X[:, 0] @ p["W_xf"] + h0 @ p["W_hf"] + p["b_f"])[0]
    eps, J = 1e-6, np.zeros((4, 4))
    for j in range(4):
        d = np.zeros((1, 4))
        d[0, j] = eps
        J[:, j] = (t.lstm_forward(p, X, h0, c0 + d)[2] - t.lstm_forward(p, X, h0, c0 - d)[2])[0] / (2 * eps)
    np.testing.assert_allclose(J, np.diag(f), rtol=1e-8, atol=1e-10)


def test_cell_examples_share_the_cells_and_print_tiny_differences():
    """两个示例里的单元实现逐字相同；装对时差别只是舍入误差，装错一处时差别明显；权重形状与表中相同。"""
    for name in ("sigmoid", "lstm_forward", "gru_forward", "init_cell"):
        assert source(CELL_TF, name) == source(CELL_MX, name), name
    out_tf, out_mx = run_example(CELL_TF), run_example(CELL_MX)
    for out in (out_tf, out_mx):
        for diff in re.findall(r"最大差 ([0-9.e+-]+)，", out):
            assert float(diff) < 1e-12, out
    for diff in re.findall(r"(?:写反|另一种写法相差|reset_after=False 的写法相差|装入)：?最大差? ?([0-9.]+)", out_tf + out_mx):
        assert float(diff) > 0.05
    assert "Keras LSTM 权重形状: [(4, 20), (5, 20), (20,)]" in out_tf
    assert "[(4, 15), (5, 15), (2, 15)]" in out_tf and "[(4, 15), (5, 15), (15,)]" in out_tf
    assert metric(out_mx, "gluon.nn.Embedding 与 W[编号] 的最大差") == 0


def test_gate_jacobians_match_finite_differences():
    """门控测量示例里每一步的雅可比矩阵（普通 RNN、LSTM 的 (h, c)、GRU）与中心差分相同；单元的前向计算与上面的 lstm_forward、gru_forward 相同。"""
    g, t = load_example(GATE), load_example(CELL_TF)
    rng = np.random.default_rng(7)
    d, H = 3, 4
    for gates, step, n in (("h", g.rnn_step, H), ("ifco", g.lstm_step, 2 * H), ("zrh", g.gru_step, H)):
        p = {k: v + rng.normal(0, 0.5, v.shape) for k, v in g.init_gates(gates, d, H, seed=1).items()}
        x, s = rng.normal(size=d), rng.normal(0, 0.5, size=n)
        _, J = step(p, x, s)
        num = np.zeros((n, n))
        for j in range(n):
            e = np.zeros(n)
            e[j] = 1e-6
            num[:, j] = (step(p, x, s + e)[0] - step(p, x, s - e)[0]) / 2e-6
        np.testing.assert_allclose(J, num, rtol=1e-6, atol=1e-8, err_msg=gates)
        if gates == "ifco":
            _, h, c = t.lstm_forward(p, x[None, None], s[None, :H], s[None, H:])
            np.testing.assert_allclose(step(p, x, s)[0], np.r_[h[0], c[0]], rtol=1e-14)
        if gates == "zrh":
            np.testing.assert_allclose(step(p, x, s)[0], t.gru_forward(p, x[None, None], s[None])[1][0], rtol=1e-14)


def test_gate_gradient_example_output():
    """普通 RNN 的梯度 60 步后小于 10⁻⁹；LSTM 与 GRU 的门开得越大（偏置 0、1、3）衰减越慢，偏置为 3 时门的平均值大于 0.9、60 步后范数在 0.05 与 20 之间（LSTM 每步略增，约 1.03 倍）。"""
    out = run_example(GATE)
    assert float(re.search(r"普通 RNN（tanh）：.*k = 60 时 ([0-9.e+-]+)", out).group(1)) < 1e-9
    for name in ("LSTM", "GRU"):
        rows = [tuple(map(float, r)) for r in re.findall(
            rf"{name}，. 门的偏置 [0-9]：门的平均值 ([0-9.]+)，k = 10 时 [0-9.e+-]+，k = 60 时 ([0-9.e+-]+)，"
            r"每步的平均倍数 ([0-9.]+)", out)]
        assert len(rows) == 3, out
        assert rows[0][0] < rows[1][0] < rows[2][0] and rows[0][2] < rows[1][2] < rows[2][2], rows
        assert rows[2][0] > 0.9 and 0.05 < rows[2][1] < 20 and rows[0][1] < 1e-8, rows
        if name == "LSTM":
            assert 1.0 < rows[2][2] < 1.06, rows                  # 页面：LSTM 的范数还略有增长，每步约 1.03 倍


# ------------------------------------------------------------------ 搜索

RNN_TERMS = ("循环神经网络", "时间反向传播", "梯度裁剪", "困惑度", "长短期记忆", "门控循环单元", "LSTM", "GRU",
             "语言模型", "隐状态", "词元", "梯度爆炸")


def test_search_finds_the_chapter_terms():
    """搜索循环神经网络、时间反向传播、梯度裁剪、困惑度、长短期记忆、门控循环单元、LSTM 等词能找到本章。"""
    from browser_support import pages_found_by, site_missing_reason
    reason = site_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    missing = [word for word in RNN_TERMS if "basics/rnn" not in pages_found_by(word)]
    assert not missing, f"搜索这些词找不到循环神经网络一章：{missing}"
