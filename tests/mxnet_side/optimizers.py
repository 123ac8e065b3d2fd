"""优化器一章（tests/chapters/test_optimizers.py）在 MXNet 一侧的计算。"""
import mxnet as mx
from mxnet import autograd, gluon, nd

from . import load_example


def rosenbrock(w):
    return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2

def trajectories(hyper, w0, steps):
    """示例 optimizers_mxnet.py 在 Rosenbrock 函数上的轨迹（AdaGrad、RMSProp 的状态只能是 float32）。"""
    m = load_example("basics/optimizers/optimizers_mxnet.py")
    out = {}
    for name, h in hyper.items():
        dt = "float32" if name in ("AdaGrad", "RMSProp") else "float64"
        out[name] = m.trajectory(name, h, w0, steps, loss=rosenbrock, dtype=dt).tolist()
    return out

def conventions():
    """页面上写的 MXNet 约定：没有 AdamW、学习率按 float32 传、状态数组是 float32、Adam 的 wd 是 L2、默认 ε。"""
    registered_before = "adamw" in mx.optimizer.Optimizer.opt_registry
    m = load_example("basics/optimizers/optimizers_mxnet.py")
    one = m.trajectory("GD", {"lr": 0.1}, [1.0, -2.0], 1, dtype="float64")[1].tolist()
    state64 = {}
    for name, h in [("AdaGrad", {"lr": 0.1, "eps": 1e-7}), ("RMSProp", {"lr": 0.1, "rho": 0.9, "eps": 1e-7})]:
        try:
            m.trajectory(name, h, [1.0, -2.0], 1, dtype="float64")
            state64[name] = "ok"
        except mx.base.MXNetError:
            state64[name] = "error"
    # Adam 的 wd 是加进梯度的 L2：与在 g + wd·w 上跑的 Adam 相同
    h = {"lr": 0.0625, "beta1": 0.875, "beta2": 0.998046875, "eps": 2.0 ** -20}
    w = gluon.Parameter("w", shape=(2,), dtype="float64")
    w.initialize()
    w.set_data(nd.array([-1.2, 1.0], dtype="float64"))
    tr = gluon.Trainer([w], "adam", dict(learning_rate=h["lr"], beta1=h["beta1"], beta2=h["beta2"],
                                         epsilon=h["eps"], wd=0.25))
    adam_wd = []
    for _ in range(10):
        with autograd.record():
            loss = rosenbrock(w.data())
        loss.backward()
        tr.step(1)
        adam_wd.append(w.data().asnumpy().tolist())
    o = mx.optimizer
    return {"registered_before": registered_before, "one": one, "state64": state64, "adam_wd": adam_wd,
            "rms": [o.RMSProp().gamma1, o.RMSProp().epsilon], "adam_eps": o.Adam().epsilon,
            "adagrad_eps": o.AdaGrad().float_stable_eps}

def gluon_sgd_path(batches, lr):
    """gd_variants_numpy.py 的数据上，Gluon 的 SGD 沿同一串小批量走出的路径（逐样本求和后 step(B)）。"""
    g = load_example("basics/optimizers/gd_variants_numpy.py")
    X, y = g.make_data()
    net = gluon.nn.Dense(1, use_bias=False, in_units=X.shape[1], dtype="float64")
    net.initialize(init="zeros")
    tr = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    l2 = gluon.loss.L2Loss()  # (p − y)²/2，正好是本例的逐样本损失
    path = [net.weight.data().asnumpy()[0].tolist()]
    for b in batches:
        with autograd.record():
            loss = l2(net(nd.array(X[b], dtype="float64")), nd.array(y[b], dtype="float64"))
        loss.backward()
        tr.step(len(b))
        path.append(net.weight.data().asnumpy()[0].tolist())
    return path


def nag_one_step(w0, g, v0, lr, momentum):
    """从状态 v0 出发调用一次 ``nag_mom_update``（与 ``nag`` 优化器相同），返回 (新权重, 新状态)。"""
    w, mom = mx.nd.array(w0, dtype="float64"), mx.nd.array(v0, dtype="float64")
    mx.nd.nag_mom_update(w, mx.nd.array(g, dtype="float64"), mom, out=w, lr=lr, momentum=momentum)
    return w.asnumpy().tolist(), mom.asnumpy().tolist()
