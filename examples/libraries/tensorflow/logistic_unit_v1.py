# env: main
"""在 TF2 里运行 TF1 风格的代码：tensorflow.compat.v1 + disable_eager_execution()。

``disable_eager_execution()`` 关掉即时执行，此后 placeholder、Session、
global_variables_initializer 都按 TF1 的方式工作：先建图，再在会话里 ``run``。
这个开关作用于整个进程，要在程序开头、创建任何张量之前调用。
数据、初始权重和超参数与 logistic_unit_tf2.py 完全相同，两边应得到同样的数字。
"""
import argparse

import numpy as np
import tensorflow.compat.v1 as tf

from mmdl.cli import nonnegative_int, positive_float, positive_int

T, F = 1.0, 0.0
X_IN = np.array([[T, T, T, T], [T, T, F, T], [T, F, T, T], [T, F, F, T],
                 [F, T, T, T], [F, T, F, T], [F, F, T, T], [F, F, F, T]], np.float32)
Y_TRUE = np.array([[T], [T], [F], [F], [T], [F], [F], [F]], np.float32)


def initial_weights(seed):
    """与 TF2 版本共用的初始权重：正态分布，标准差 2。"""
    return np.random.default_rng(seed).normal(0.0, 2.0, size=(4, 1)).astype(np.float32)


def train_v1(w0, lr=0.4, epsilon=1e-3, max_epochs=1000):
    """TF1 写法：先定义整张图，再在 Session 里反复 run。返回 (每轮误差, 最终权重)。"""
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 4))
        Y = tf.placeholder(tf.float32, shape=(None, 1))
        W = tf.Variable(w0)
        y_hat = tf.sigmoid(tf.matmul(X, W))
        error = Y - y_hat
        mean_error = tf.reduce_mean(tf.square(error))
        train = tf.assign(W, W + lr * tf.matmul(X, error, transpose_a=True))
        init = tf.global_variables_initializer()

    errors = []
    with tf.Session(graph=graph) as sess:
        sess.run(init)
        feed = {X: X_IN, Y: Y_TRUE}
        while not errors or (errors[-1] > epsilon and len(errors) < max_epochs):
            _, err = sess.run([train, mean_error], feed_dict=feed)
            errors.append(float(err))
        w = sess.run(W)
    return errors, w


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=0.4, help="学习率")
    parser.add_argument("--epsilon", type=positive_float, default=1e-3, help="误差阈值")
    parser.add_argument("--max-epochs", type=positive_int, default=1000, help="最多轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    tf.disable_eager_execution()
    print(f"即时执行: {tf.executing_eagerly()}")
    errors, w = train_v1(initial_weights(args.seed), args.lr, args.epsilon, args.max_epochs)
    print(f"训练轮数: {len(errors)}")
    print(f"最终均方误差: {errors[-1]:.8f}")
    print(f"最终权重: {np.round(w.ravel().astype(float), 6).tolist()}")


if __name__ == "__main__":
    main()
