# env: mxnet
"""Gluon 的 ``nn.Dropout``：只在 ``autograd.record()`` 之内（训练模式）丢弃，其余时候是恒等映射。

``autograd.record()`` 默认打开训练模式（train_mode=True），Dropout、BatchNorm 等层据此切换行为；
在它之外或用 ``autograd.predict_mode()`` 时是推理模式。输入取正数时，输出中的 0 标出被丢弃的位置，
由此还原掩码，核对输出与梯度。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, probability


def gluon_dropout(x, upstream, p, seed=0):
    """返回 (训练模式输出, 梯度 ∂Σ(g⊙y)/∂x, 推理模式输出)。"""
    mx.random.seed(seed)
    layer = gluon.nn.Dropout(p)
    x = nd.array(x)
    x.attach_grad()
    with autograd.record():
        y = layer(x)
        loss = (y * nd.array(upstream)).sum()
    loss.backward()
    return y.asnumpy(), x.grad.asnumpy(), layer(x).asnumpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=probability, default=0.5, help="丢弃概率 p")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    x = rng.uniform(0.5, 1.5, size=(2000, 100)).astype(np.float32)
    g = rng.normal(size=x.shape).astype(np.float32)

    y, grad, y_eval = gluon_dropout(x, g, args.p, args.seed)
    mask = y != 0                                      # 输入全为正：输出为 0 处就是被丢弃的
    print("训练模式的输出:", np.array2string(y[0, :6], precision=3))
    print(f"保留的比例: {mask.mean():.4f}")
    print(f"输出与 x⊙ξ/(1-p) 的最大差异: {np.abs(y - x * mask / (1 - args.p)).max():.1e}")
    print(f"梯度与 g⊙ξ/(1-p) 的最大差异: {np.abs(grad - g * mask / (1 - args.p)).max():.1e}")
    print(f"推理模式与输入的最大差异: {np.abs(y_eval - x).max():g}")


if __name__ == "__main__":
    main()
