"""现代卷积神经网络一章在 MXNet 环境里的对照计算（参数与结果经 .npz 文件与 JSON 传递）。"""
import numpy as np

from mxnet_side import load_example


def batchnorm(path):
    """Gluon BatchNorm(axis=1)：训练一步（含梯度与滑动平均）、推理一次。"""
    m = load_example("basics/modern_cnn/batchnorm_conv_mxnet.py")
    d = np.load(path)
    out = m.gluon_batchnorm(d["X"], d["gamma"], d["beta"], d["R"])
    return {k: (np.asarray(v).tolist() if not np.isscalar(v) else float(v)) for k, v in out.items()}


def group_norms(path, groups):
    """nn.GroupNorm(num_groups=G) 的输出与 γ 的形状，G 取 groups 中的每个值。"""
    from mxnet import gluon
    m = load_example("basics/modern_cnn/batchnorm_conv_mxnet.py")
    X = np.load(path)["X"]
    out = []
    for g in groups:
        y, shape, eps = m.gluon_norm(gluon.nn.GroupNorm(num_groups=g), X)
        out.append({"y": y.tolist(), "gamma_shape": list(shape), "eps": eps})
    return out


def residual_blocks(path, n):
    """每个用例：Gluon 残差块的输出、∂L/∂x、∂L/∂W1、∂L/∂W2 与参数个数。"""
    m = load_example("basics/modern_cnn/residual_mxnet.py")
    d = np.load(path)
    out = []
    for i in range(n):
        P = {k[len(f"{i}_P_"):]: d[k] for k in d.files if k.startswith(f"{i}_P_")}
        stride = int(d[f"{i}_stride"])
        y, dx, dws = m.block_mx(d[f"{i}_x"], P, stride, d[f"{i}_R"])
        out.append({"y": y.tolist(), "dx": dx.tolist(), "dW1": dws[0].tolist(), "dW2": dws[1].tolist(),
                    "params": int(m.block_mx(d[f"{i}_x"], P, stride)[1])})
    return out


def conv_shapes(cases):
    """Gluon Conv2D（dilation、strides、padding）与 MaxPool2D(k) 的输出边长。"""
    from mxnet import gluon, nd
    out = []
    for n, k, d, s, p in cases:
        conv = gluon.nn.Conv2D(1, k, strides=s, padding=p, dilation=d, in_channels=1)
        conv.initialize()
        out.append(conv(nd.zeros((1, 1, n, n))).shape[2])
    pool = gluon.nn.MaxPool2D(2)
    return {"conv": out, "pool": list(pool(nd.zeros((1, 1, 8, 8))).shape[2:]), "pool_strides": list(pool._kwargs["stride"])}
