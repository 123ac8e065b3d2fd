"""损失函数一章（tests/chapters/test_losses.py）在 MXNet 一侧的计算。"""
import numpy as np
from mxnet import gluon, nd

from . import load_example

REG = "basics/losses/regression_losses_mxnet.py"
CLS = "basics/losses/classification_losses_mxnet.py"


def _as_json(res):
    return {k: [v, g.tolist()] for k, (v, g) in res.items()}


def gluon_losses(cases):
    """每组随机数据上 Gluon 的各个损失及其梯度：{种子: {损失名: [值, 梯度]}}。"""
    r, c = load_example(REG), load_example(CLS)
    out = {}
    for s, case in cases.items():
        y, p = (np.array(a) for a in case["reg"])
        z_bin, y_bin, z, labels, q = (np.array(a) for a in case["cls"])
        res = dict(r.gluon_losses(y, p, 1.5))
        res.update(c.gluon_losses(z_bin, y_bin, z, labels, q))
        out[s] = _as_json(res)
    return out


def large_logits(big):
    """|logit| = 1000 时 Gluon 的分类损失（均匀的目标分布 p）。"""
    c = load_example(CLS)
    p = np.full((2, 3), 1 / 3)
    res = c.gluon_losses(np.array(big["z_bin"]), np.array(big["y_bin"]), np.array(big["z"]),
                         np.array(big["labels"]), p)
    return _as_json(res)


def conventions():
    """页面上写的 Gluon 约定：from_logits、0/1 标签、KL 的求和方式、逐样本的输出形状。"""
    G = gluon.loss
    z = nd.array([[2.0, -1.0, 0.5], [0.3, 0.2, -2.0]], dtype="float64")
    lab = nd.array([0, 2], dtype="float64")
    ce = G.SoftmaxCrossEntropyLoss()(z, lab).mean().asscalar().item()
    ce_logp = G.SoftmaxCrossEntropyLoss(from_logits=True)(nd.log_softmax(z), lab).mean().asscalar().item()
    ce_wrong = G.SoftmaxCrossEntropyLoss(from_logits=True)(z, lab).mean().asscalar().item()
    f = nd.array([0.3, -2.0, 1.5], dtype="float64")
    h01 = G.HingeLoss()(f, nd.array([1.0, 0.0, 0.0], dtype="float64")).mean().asscalar().item()
    hpm = G.HingeLoss()(f, nd.array([1.0, -1.0, -1.0], dtype="float64")).mean().asscalar().item()
    p = nd.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]], dtype="float64")
    kl_default = G.KLDivLoss()(nd.log_softmax(z), p).asnumpy().tolist()
    shape = G.L2Loss()(z, z * 0).shape
    return dict(ce=ce, ce_logp=ce_logp, ce_wrong=ce_wrong, h01=h01, hpm=hpm, kl_default=kl_default, shape=list(shape))
