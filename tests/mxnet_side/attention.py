"""注意力一章在 MXNet 环境里的对照：用 batch_dot 搭的多头注意力。"""
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
