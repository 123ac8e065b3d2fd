"""训练深度网络一章在 MXNet 环境里的对照：每个函数返回可以 JSON 化的值。"""
import numpy as np
from mxnet import gluon

from mxnet_side import load_example


def _example(name):
    return load_example(f"basics/deep_training/{name}.py")


def initializer_samples(fan_in, fan_out, seed=0):
    """{名字: 按 (n_in, n_out) 排列的样本（展平）}。"""
    samples = _example("initializers_mxnet").mxnet_samples(fan_in, fan_out, seed)
    return {name: w.ravel().tolist() for name, (w, _) in samples.items()}


def dropout(p, seed=0, data_seed=5):
    """输入与 tests/chapters/test_deep_training.py 的 make_dropout_input 相同（同一个 PCG64 种子）。"""
    rng = np.random.default_rng(data_seed)
    x = rng.uniform(0.5, 1.5, size=(400, 500)).astype(np.float32)
    upstream = rng.normal(size=x.shape).astype(np.float32)
    y, grad, y_eval = _example("dropout_mxnet").gluon_dropout(x, upstream, p, seed)
    return {"x": x.tolist(), "y": y.tolist(), "grad": grad.tolist(), "eval": y_eval.tolist()}


def batchnorm(batches, gamma, beta, upstream, backward=True):
    out = _example("batchnorm_mxnet").gluon_batchnorm(
        [np.float32(b) for b in batches], np.float32(gamma), np.float32(beta), np.float32(upstream),
        backward=backward)
    return {k: ([o.tolist() for o in v] if k == "outputs" else v.tolist()) for k, v in out.items()}


def lr_schedules(base, total, updates):
    """{名字: {"called": [scheduler(k), k = 1..total+5], "used": Trainer 前 updates 次更新的学习率}}。"""
    m = _example("lr_schedules_mxnet")
    out = {}
    for name in m.mxnet_schedulers(base, total):
        scheduler = m.mxnet_schedulers(base, total)[name]
        out[name] = {"called": [scheduler(k) for k in range(1, total + 6)],
                     "used": m.used_learning_rates(m.mxnet_schedulers(base, total)[name], updates).tolist()}
    return out


def batchnorm_defaults():
    layer = gluon.nn.BatchNorm()
    return {"momentum": layer._kwargs["momentum"], "eps": layer._kwargs["eps"]}



def early_stopping(n_train=200, epochs=60, patience=10, lr=0.5, seed=0):
    """与 early_stopping_mxnet.py 的默认设置相同：返回每轮验证损失、停止的轮次（从 1 数）与最终验证损失。"""
    from mmdl.data import load_digits_split

    X, X_val, y, y_val = load_digits_split(seed=seed, scale="unit")
    val, stop, final = _example("early_stopping_mxnet").fit_with_early_stopping(
        X[:n_train], y[:n_train], X_val, y_val, epochs, patience, lr, seed)
    return {"val": val.tolist(), "stopped": stop.stopped_epoch + 1, "final": float(final)}
