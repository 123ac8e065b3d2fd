"""卷积神经网络一章在 MXNet 环境里的对照计算。

每个函数读取主环境写下的一个 ``.npz`` 文件，返回能转成 JSON 的结果（嵌套列表、数）。
"""
import numpy as np

from mxnet_side import cases as _cases
from mxnet_side import load_example as _example


def convolutions(path):
    """每个用例：nd.Convolution、gluon.nn.Conv2D（对称填充 pad）与 TF 式 "same" 的输出。"""
    m = _example("basics/cnn/conv_mxnet.py")
    out = []
    for c in _cases(path):
        X, W, b, s, p = c["X"], c["W"], c["b"], int(c["stride"]), int(c["pad"])
        out.append({"nd": m.conv2d_mx(X, W, b, s, p).tolist(),
                    "gluon": m.conv2d_gluon(X.astype(np.float32), W.astype(np.float32),
                                            b.astype(np.float32), s, p).tolist(),
                    "same": m.conv2d_same_mx(X, W, b, s).tolist(), "dtype": str(m.conv2d_mx(X, W, b, s, p).dtype)})
    return out


def conv_grads(path):
    """L = Σ R ⊙ Convolution(X, W, b)，autograd 求 ∂L/∂X、∂L/∂W、∂L/∂b（float64）。"""
    from mxnet import autograd, nd
    out = []
    for c in _cases(path):
        X, W, b = (nd.array(c[k], dtype="float64") for k in ("X", "W", "b"))
        for a in (X, W, b):
            a.attach_grad()
        s, p = int(c["stride"]), int(c["pad"])
        with autograd.record():
            Y = nd.Convolution(X, W, b, kernel=W.shape[2:], stride=(s, s), pad=(p, p), num_filter=W.shape[0])
            loss = (Y * nd.array(c["R"], dtype="float64")).sum()
        loss.backward()
        out.append({"dX": X.grad.asnumpy().tolist(), "dW": W.grad.asnumpy().tolist(),
                    "db": b.grad.asnumpy().tolist()})
    return out


def pooling(path):
    """nd.Pooling（max / avg，valid 约定）的输出，以及 L = Σ R ⊙ Y 对输入的梯度。"""
    from mxnet import autograd, nd
    out = []
    for c in _cases(path):
        X = nd.array(c["X"], dtype="float64")
        X.attach_grad()
        k, s, mode = int(c["k"]), int(c["stride"]), str(c["mode"])
        with autograd.record():
            Y = nd.Pooling(X, kernel=(k, k), stride=(s, s), pool_type=mode, pooling_convention="valid")
            loss = (Y * nd.array(c["R"], dtype="float64")).sum()
        loss.backward()
        out.append({"Y": Y.asnumpy().tolist(), "dX": X.grad.asnumpy().tolist()})
    return out


def lenet_first_epochs(n_train, epochs):
    """Gluon 小卷积网络在前 n_train 个训练样本上训练 epochs 轮：每轮的平均损失与最终参数（NumPy 约定）。"""
    import mxnet as mx
    m = _example("basics/cnn/lenet_mxnet.py")
    mx.random.seed(0)
    X_tr, _, y_tr, _ = m.load_data()
    net, history = m.train(X_tr[:n_train], y_tr[:n_train], epochs=epochs)
    params = [net[0].weight, net[0].bias, net[1].weight, net[1].bias, net[3].weight, net[3].bias]
    values = [p.data().asnumpy() for p in params]
    values[4] = values[4].T                          # Dense 的 (输出, 输入) → (输入, 输出)
    return {"history": history, "params": [v.tolist() for v in values]}
