"""权重衰减一章在 MXNet 环境里的检查。"""
import importlib.util
from pathlib import Path

import numpy as np

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _load(rel):
    spec = importlib.util.spec_from_file_location("ex_" + rel.replace("/", "_")[:-3], EXAMPLES / rel)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nag_in_place_decay(steps=6):
    """nag 的 wd：动量缓冲区里的 wd·w 用本步更新后的权重。返回与该写法、与 L2 写法的最大差异。"""
    m = _load("basics/weight_decay/wd_mxnet_optimizers.py")
    theirs = m.mxnet_path("nag", steps)
    w, v = m.W0.copy(), 0.0
    for _ in range(steps):
        g = m.CURVATURE * w
        new = w + m.MU * (m.MU * v) - (1 + m.MU) * m.LR * (g + m.WD * w)
        v = m.MU * v - m.LR * (g + m.WD * new)
        w = new
    return {"in_place": float(np.abs(theirs - w).max()),
            "l2": float(np.abs(theirs - m.numpy_path("nag", "l2", steps)).max())}


def adagrad_source_line():
    """MXNet 源码里 AdaGrad 的更新（稠密梯度）。"""
    import inspect

    import mxnet as mx
    return inspect.getsource(mx.optimizer.AdaGrad.update)


def momentum_sgd_paths(lam, lr, steps, momentum):
    """gluon.Trainer('sgd', momentum, wd=λ) 在权重衰减示例的数据与小批量上的最终权重。"""
    m = _load("basics/weight_decay/weight_decay_mxnet.py")
    X, y = m.make_data(seed=0)
    idx = m.batches(len(y), 20, steps, seed=0)
    return m.run_trainer(X, y, "sgd", lr, lam, idx, np.full(3, 0.5), momentum=momentum).tolist()
