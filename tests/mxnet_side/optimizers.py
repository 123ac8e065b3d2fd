"""优化器一章在 MXNet 环境里的检查。"""
import mxnet as mx


def nag_one_step(w0, g, v0, lr, momentum):
    """从状态 v0 出发调用一次 ``nag_mom_update``（与 ``nag`` 优化器相同），返回 (新权重, 新状态)。"""
    w, mom = mx.nd.array(w0, dtype="float64"), mx.nd.array(v0, dtype="float64")
    mx.nd.nag_mom_update(w, mx.nd.array(g, dtype="float64"), mom, out=w, lr=lr, momentum=momentum)
    return w.asnumpy().tolist(), mom.asnumpy().tolist()
