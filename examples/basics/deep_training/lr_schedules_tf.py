# env: main
"""Keras 的学习率调度：``keras.optimizers.schedules`` 里的类就是 t ↦ η_t 的函数。

优化器第 k 次更新（k = 1, 2, …）时调用 schedule(k − 1)：参数是 ``optimizer.iterations``，
即已经完成的更新次数。阶梯与指数衰减都是 ``ExponentialDecay``（staircase 区分两者），
余弦是 ``CosineDecay``，给出 warmup_target 与 warmup_steps 时先从 initial_learning_rate
线性预热到 warmup_target，再余弦退火 decay_steps 步；alpha 是终点相对于峰值的比例。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import positive_float, positive_int


def keras_schedules(base, total):
    s = tf.keras.optimizers.schedules
    warmup = total // 10
    return {"阶梯衰减": s.ExponentialDecay(base, total // 4, 0.5, staircase=True),
            "指数衰减": s.ExponentialDecay(base, total // 4, 0.5),
            "余弦退火": s.CosineDecay(base, total, alpha=0.01),
            "预热 + 余弦": s.CosineDecay(0.0, total - warmup, alpha=0.01,
                                       warmup_target=base, warmup_steps=warmup)}


def used_learning_rates(schedule, updates):
    """用 SGD 做 updates 次更新，梯度恒为 1、每次更新前把 w 置 0：更新后的 −w 就是这一步的学习率。"""
    w = tf.Variable(0.0, dtype=tf.float64)
    opt = tf.keras.optimizers.SGD(schedule)
    used = []
    for _ in range(updates):
        w.assign(0.0)
        opt.apply_gradients([(tf.constant(1.0, tf.float64), w)])
        used.append(-w.numpy())
    return np.array(used)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=0.5, help="初始学习率 η₀")
    parser.add_argument("--total", type=positive_int, default=40, help="总更新次数 T")
    args = parser.parse_args(argv)
    if args.total < 10:
        parser.error("--total 至少为 10")
    for name, schedule in keras_schedules(args.lr, args.total).items():
        at = {k: float(schedule(k - 1)) for k in range(1, args.total + 1)}      # 第 k 次更新
        used = used_learning_rates(schedule, 3) + 0.0
        print(f"{name}: 第 1~5 次更新", np.array2string(np.array([at[k] for k in range(1, 6)]), precision=4),
              f"第 T/2 次 {at[args.total // 2]:.4f}, 第 T 次 {at[args.total]:.4f}")
        print("  SGD 前 3 次更新实际用的学习率:", np.array2string(used, precision=4))


if __name__ == "__main__":
    main()
