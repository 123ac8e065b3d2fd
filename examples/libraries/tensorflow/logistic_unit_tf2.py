# env: main
"""把一段 TF1 代码改写成 TF2：用梯度下降训练单个 sigmoid 神经元（逻辑回归单元）。

TF2 写法用 Variable + tf.function，不再需要 Session。

数据是一张真值表：前三列是输入，第四列恒为 1（充当偏置），目标为 x₁ ∧ (x₀ ∨ x₂)。
输出 ŷ = sigmoid(XW)，每步更新 W ← W + η·Xᵀ(Y − ŷ)，直到均方误差低于阈值。
这个更新量恰好是 −η 乘以交叉熵 L = −Σ[y·log ŷ + (1 − y)·log(1 − ŷ)] 对 W 的梯度
Xᵀ(ŷ − Y)，示例用 GradientTape 验证这一点。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int, positive_float, positive_int

T, F = 1.0, 0.0
X_IN = np.array([[T, T, T, T], [T, T, F, T], [T, F, T, T], [T, F, F, T],
                 [F, T, T, T], [F, T, F, T], [F, F, T, T], [F, F, F, T]], np.float32)
Y_TRUE = np.array([[T], [T], [F], [F], [T], [F], [F], [F]], np.float32)


def initial_weights(seed):
    """与 TF1 版本共用的初始权重：正态分布，标准差 2。"""
    return np.random.default_rng(seed).normal(0.0, 2.0, size=(4, 1)).astype(np.float32)


def train_tf2(w0, lr=0.4, epsilon=1e-3, max_epochs=1000):
    """返回 (每轮误差列表, 最终权重)。"""
    X, Y = tf.constant(X_IN), tf.constant(Y_TRUE)
    W = tf.Variable(w0)

    @tf.function                             # 取代 TF1 的“建图 + sess.run”
    def train_step():
        y_hat = tf.sigmoid(tf.matmul(X, W))
        error = Y - y_hat
        mean_error = tf.reduce_mean(tf.square(error))
        W.assign_add(lr * tf.matmul(X, error, transpose_a=True))
        return mean_error

    errors = []
    while not errors or (errors[-1] > epsilon and len(errors) < max_epochs):
        errors.append(float(train_step()))
    return errors, W.numpy()


def update_vs_gradient(w, lr=0.4):
    """返回 (TF1 代码里的更新量 ηXᵀ(Y − Ŷ), −η·∂L/∂W)，L 是交叉熵之和。"""
    W = tf.Variable(w)
    with tf.GradientTape() as tape:
        logits = tf.matmul(X_IN, W)
        loss = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(Y_TRUE, logits))
    grad = tape.gradient(loss, W)
    update = lr * X_IN.T @ (Y_TRUE - tf.sigmoid(X_IN @ w).numpy())
    return update, -lr * grad.numpy()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=positive_float, default=0.4, help="学习率")
    parser.add_argument("--epsilon", type=positive_float, default=1e-3, help="误差阈值")
    parser.add_argument("--max-epochs", type=positive_int, default=1000, help="最多轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    w0 = initial_weights(args.seed)
    update, neg_grad = update_vs_gradient(w0, args.lr)
    print(f"更新量与 −η·∂L/∂W 的最大差异: {np.abs(update - neg_grad).max():.1e}")

    errors, w = train_tf2(w0, args.lr, args.epsilon, args.max_epochs)
    print(f"训练轮数: {len(errors)}")
    print(f"最终均方误差: {errors[-1]:.8f}")
    print(f"最终权重: {np.round(w.ravel().astype(float), 6).tolist()}")
    pred = tf.sigmoid(X_IN @ w).numpy().ravel()
    print(f"预测值: {np.round(pred.astype(float), 3).tolist()}")

    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.semilogy(range(1, len(errors) + 1), errors)
    ax.axhline(args.epsilon, color="gray", linestyle="--", label=f"阈值 {args.epsilon:g}")
    ax.set_xlabel("轮数")
    ax.set_ylabel("均方误差（对数坐标）")
    ax.set_title("sigmoid 神经元的训练误差（TF2）")
    ax.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
