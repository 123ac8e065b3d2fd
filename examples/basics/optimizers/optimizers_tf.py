# env: main
"""用 tf.keras.optimizers 在同一个病态二次函数上走同样的步数。

超参数表与 NumPy 版完全相同；要得到相同的轨迹，必须显式写出 Keras 与我们的约定不同的地方：
Adagrad 的累积量初值（Keras 默认 0.1）。AdamW 的 weight_decay 与本站的 λ 同义：
每步减去 η·λ·w。Keras 把学习率存成 floatx 类型的变量，这里把 floatx 设为 float64。
"""
import argparse

import keras
import numpy as np
import tensorflow as tf

from mmdl.cli import positive_int

CURVATURE = np.array([1.0, 20.0])
START = np.array([-4.5, 1.5])
HYPER = {
    "GD": dict(lr=0.09),
    "Momentum": dict(lr=0.02, momentum=0.8),
    "Nesterov": dict(lr=0.02, momentum=0.8),
    "AdaGrad": dict(lr=1.0, eps=1e-7, initial_accumulator=0.0),
    "RMSProp": dict(lr=0.2, rho=0.9, eps=1e-7),
    "Adam": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=True),
    "AdamW": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.2,
                  eps_hat=True),
}


def make_optimizer(name, h):
    """把超参数表翻译成 Keras 优化器。"""
    opt = keras.optimizers
    if name == "GD":
        return opt.SGD(learning_rate=h["lr"])
    if name in ("Momentum", "Nesterov"):
        return opt.SGD(learning_rate=h["lr"], momentum=h["momentum"],
                       nesterov=name == "Nesterov")
    if name == "AdaGrad":
        return opt.Adagrad(learning_rate=h["lr"], epsilon=h["eps"],
                           initial_accumulator_value=h["initial_accumulator"])
    if name == "RMSProp":
        return opt.RMSprop(learning_rate=h["lr"], rho=h["rho"], epsilon=h["eps"])
    if not h.get("eps_hat", True):
        raise ValueError("Keras 的 Adam 只有 ε̂ 写法（epsilon 加在未修正的 √v 上）")
    if name == "Adam":
        return opt.Adam(learning_rate=h["lr"], beta_1=h["beta1"], beta_2=h["beta2"],
                        epsilon=h["eps"])
    if name == "AdamW":
        return opt.AdamW(learning_rate=h["lr"], weight_decay=h["weight_decay"],
                         beta_1=h["beta1"], beta_2=h["beta2"], epsilon=h["eps"])
    raise ValueError(name)


def loss_fn(w):
    return 0.5 * tf.reduce_sum(tf.constant(CURVATURE, w.dtype) * w * w)


def trajectory(name, hyper, w0, steps, loss=loss_fn):
    """Keras 优化器走 steps 步，返回 (steps+1, d) 的参数序列；梯度由 GradientTape 求出。"""
    old = keras.config.floatx()
    keras.config.set_floatx("float64")  # 学习率变量随之为 float64
    try:
        opt = make_optimizer(name, hyper)
    finally:
        keras.config.set_floatx(old)
    w = tf.Variable(np.asarray(w0, dtype=np.float64))
    path = [w.numpy().copy()]
    for _ in range(steps):
        with tf.GradientTape() as tape:
            value = loss(w)
        opt.apply_gradients([(tape.gradient(value, w), w)])
        path.append(w.numpy().copy())
    return np.array(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=40, help="迭代步数")
    args = parser.parse_args(argv)
    print("TensorFlow", tf.__version__, "Keras", keras.__version__)
    for name in HYPER:
        end = trajectory(name, HYPER[name], START, args.steps)[-1]
        print(f"{name} 终点 x: {end[0]:.4f}")
        print(f"{name} 终点 y: {end[1]:.4f}")
        print(f"{name} 终点损失: {0.5 * np.sum(CURVATURE * end * end):.4f}")


if __name__ == "__main__":
    main()
