"""反向传播一章（tests/chapters/test_backprop.py）在 MXNet 一侧的计算。"""
import numpy as np

from . import load_example


def loss_and_grads(npz):
    """用 mlp_mxnet.py 对 npz 文件里的同一组权重与批量求损失和梯度。"""
    m = load_example("basics/backprop/mlp_mxnet.py")
    d = np.load(npz)
    params = {k: d[k] for k in ("W1", "b1", "W2", "b2")}
    loss, grads = m.loss_and_grads(params, d["X"], d["Y"])
    return {"loss": loss, "grads": {k: g.tolist() for k, g in grads.items()}, "dtype": str(grads["W1"].dtype)}
