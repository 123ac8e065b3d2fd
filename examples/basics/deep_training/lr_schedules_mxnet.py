# env: mxnet
"""MXNet 的学习率调度：``mx.lr_scheduler`` 的对象以更新序号 num_update 调用，从 1 开始。

优化器第 k 次更新时调用 scheduler(k)，比 Keras 的 schedule(k − 1) 多 1。``FactorScheduler``
在 num_update > count + step 时才乘以 factor，两者相抵：阶梯衰减每次更新用的学习率与 Keras 相同。
``CosineScheduler`` 没有这样的修正，于是它在第 k 次更新用的是 Keras 第 k + 1 次更新的值，
预热阶段第一次更新就用 η₀/W，而 Keras 第一次更新用的是 0。FactorScheduler 有内部状态，
只能按递增的 num_update 调用。
"""
import argparse

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import positive_float, positive_int


def mxnet_schedulers(base, total):
    s = mx.lr_scheduler
    warmup = total // 10
    return {"阶梯衰减": s.FactorScheduler(total // 4, 0.5, base_lr=base, stop_factor_lr=0),
            "指数衰减": s.FactorScheduler(1, 0.5 ** (1 / (total // 4)), base_lr=base, stop_factor_lr=0),
            "余弦退火": s.CosineScheduler(total, base_lr=base, final_lr=base / 100),
            "预热 + 余弦": s.CosineScheduler(total, base_lr=base, final_lr=base / 100,
                                          warmup_steps=warmup, warmup_begin_lr=0.0)}


def used_learning_rates(scheduler, updates):
    """gluon.Trainer 做 updates 次 SGD 更新，梯度恒为 1、每次更新前把 w 置 0：−w 就是学习率。"""
    w = gluon.Parameter("w", shape=(1,), dtype="float64")
    w.initialize(mx.init.Zero(), ctx=mx.cpu())
    trainer = gluon.Trainer([w], "sgd", {"lr_scheduler": scheduler})
    used = []
    for _ in range(updates):
        w.set_data(nd.zeros(1, dtype="float64"))
        with autograd.record():
            loss = w.data().sum()
        loss.backward()
        trainer.step(1)
        used.append(-w.data().asscalar())
    return np.array(used)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=0.5, help="初始学习率 η₀")
    parser.add_argument("--total", type=positive_int, default=40, help="总更新次数 T")
    args = parser.parse_args(argv)
    if args.total < 10:
        parser.error("--total 至少为 10")
    for name in mxnet_schedulers(args.lr, args.total):
        scheduler = mxnet_schedulers(args.lr, args.total)[name]
        at = {k: scheduler(k) for k in range(1, args.total + 1)}              # 第 k 次更新
        used = used_learning_rates(mxnet_schedulers(args.lr, args.total)[name], 3)
        print(f"{name}: 第 1~5 次更新", np.array2string(np.array([at[k] for k in range(1, 6)]), precision=4),
              f"第 T/2 次 {at[args.total // 2]:.4f}, 第 T 次 {at[args.total]:.4f}")
        print("  Trainer 前 3 次更新实际用的学习率:", np.array2string(used, precision=4))


if __name__ == "__main__":
    main()
