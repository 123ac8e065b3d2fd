"""循环神经网络一章在 MXNet 环境里的对照计算。

每个函数读取主环境写下的一个 ``.npz`` 文件，返回能转成 JSON 的结果（嵌套列表、数）。
"""

from mxnet_side import cases as _cases
from mxnet_side import load_example as _example


def rnn_grads(path):
    """gluon.rnn.RNN + Dense 的交叉熵损失与 autograd 梯度（float64），按 NumPy 的形状返回。"""
    m = _example("basics/rnn/rnn_mxnet.py")
    out = []
    for c in _cases(path):
        params = [c[f"p{i}"] for i in range(5)]
        loss, grads = m.gluon_loss_and_grads(params, c["X"], c["Y"], c["h0"])
        out.append({"loss": loss, "grads": [g.tolist() for g in grads]})
    return out


def clip(path):
    """gluon.utils.clip_global_norm（float32，原地修改）：返回裁剪后的数组与它报告的范数。"""
    from mxnet import gluon, nd
    out = []
    for c in _cases(path):
        arrays = [nd.array(c[f"g{i}"]) for i in range(int(c["k"]))]
        norm = gluon.utils.clip_global_norm(arrays, float(c["theta"]))
        out.append({"norm": float(norm), "clipped": [a.asnumpy().tolist() for a in arrays]})
    return out


def lstm_gru(path):
    """gluon.rnn.LSTM 与 gluon.rnn.GRU 装入示例里的权重后的输出（float64）。"""
    from mxnet import gluon
    m = _example("basics/rnn/lstm_gru_mxnet.py")
    out = []
    for c in _cases(path):
        X, h0, c0, seed = c["X"], c["h0"], c["c0"], int(c["seed"])
        n, T, d = X.shape
        H = h0.shape[1]
        p, q = m.init_cell("ifco", d, H, seed), m.init_cell("zrh", d, H, seed)
        lstm, (h, cc) = m.gluon_run(gluon.rnn.LSTM(H, layout="NTC", input_size=d), m.to_gluon(p, "ifco"), X, [h0, c0])
        gru, _ = m.gluon_run(gluon.rnn.GRU(H, layout="NTC", input_size=d), m.to_gluon(q, "rzh"), X, [h0])
        out.append({"lstm": lstm.tolist(), "h": h.tolist(), "c": cc.tolist(), "gru": gru.tolist()})
    return out


def char_rnn_first_batch(hidden):
    """字符级语言模型（Gluon 示例的 CharRNN，初始权重）在第一批上的损失与梯度，按 NumPy 的形状返回。"""
    from mxnet import autograd, gluon, nd

    from mmdl.text import build_vocab, encode, poem_split
    m = _example("basics/rnn/char_rnn_mxnet.py")
    train, _ = poem_split()
    vocab = build_vocab(train)
    X, Y = next(m.sequential_batches(encode(train, vocab), 8, 24))
    model = m.CharRNN(len(vocab), hidden, m.init_params(len(vocab), hidden))
    with autograd.record():
        logits, _ = model(nd.array(X), nd.zeros((1, 8, hidden)))
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(logits, nd.array(Y)).mean()
    loss.backward()
    g = {name.split("_", 1)[1]: p.grad().asnumpy() for name, p in model.collect_params().items()}
    grads = [g["rnn0_l0_i2h_weight"].T, g["rnn0_l0_h2h_weight"].T, g["rnn0_l0_i2h_bias"],
             g["dense0_weight"].T, g["dense0_bias"]]
    return {"loss": float(loss.asscalar()), "grads": [a.tolist() for a in grads],
            "h2h_bias": g["rnn0_l0_h2h_bias"].tolist()}
