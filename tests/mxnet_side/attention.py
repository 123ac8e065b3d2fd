"""注意力一章在 MXNet 环境里的对照：用 batch_dot 搭的多头注意力、编码器块与解码器块。"""
import numpy as np

from mxnet_side import load_example


def multihead(path):
    """每个用例：读入参数、查询序列、键值序列与掩码，返回 MXNet 的输出与注意力权重。"""
    m = load_example("basics/attention/multihead_mxnet.py")
    d = np.load(path)
    out = []
    for i in range(int(d["n"])):
        p = {k: d[f"{i}_{k}"] for k in ("Wq", "bq", "Wk", "bk", "Wv", "bv", "Wo", "bo")}
        mask = d[f"{i}_mask"] if f"{i}_mask" in d.files else None
        y, A = m.mha_mxnet(p, d[f"{i}_q"], d[f"{i}_kv"], int(d[f"{i}_h"]), int(d[f"{i}_dk"]), mask)
        out.append({"y": y.tolist(), "A": A.tolist()})
    return out


def encoder_block(path):
    """Gluon 搭的编码器块（前、后归一化）对同一组参数与输入的输出。"""
    m = load_example("basics/attention/transformer_block_mxnet.py")
    d = np.load(path)
    p = {k[2:]: d[k] for k in d.files if k.startswith("p_")}
    return {str(pre): m.block_mxnet(p, d["x"], int(d["h"]), pre).tolist() for pre in (False, True)}


def decoder_block(path):
    """Gluon 搭的解码器块（前、后归一化）对同一组参数与输入的输出；后归一化再 hybridize 一次（符号图里的掩码）。"""
    m = load_example("basics/attention/decoder_block_mxnet.py")
    d = np.load(path)
    p = {k[2:]: d[k] for k in d.files if k.startswith("p_")}
    h, valid = int(d["h"]), d["valid"].tolist()
    out = {str(pre): m.decoder_mxnet(p, d["x"], d["m"], h, valid, pre)[0].tolist() for pre in (False, True)}
    net = m.build(p, d["x"].shape[-1], h, p["W1"].shape[1])
    net.hybridize()
    mask = (np.arange(d["m"].shape[1])[None, None] < np.array(valid)[:, None, None]).repeat(d["x"].shape[1], 1)
    out["hybridized"] = net(*(m.nd.array(a) for a in (d["x"], d["m"], mask.astype(np.float32)))).asnumpy().tolist()
    return out
