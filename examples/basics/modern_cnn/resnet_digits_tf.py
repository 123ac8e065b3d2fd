# env: main
# timing-output: 打印的训练秒数随机器与负载变化，其余输出每次相同
"""在 digits 上训练一个小 ResNet，与同样层数、去掉跳跃连接的“普通”卷积网络比较。

ResNet：卷积 16 → 两组残差块（16 通道 8×8；32 通道 4×4，第一个块步幅 2、用 1×1 投影捷径）
→ 全局平均池化 → 全连接 10。每个卷积之后接批量归一化（卷积因此不要偏置）。
普通网络的层完全相同，只是去掉了跳跃连接（投影捷径的 1×1 卷积也随之去掉）。
批量归一化的 momentum 取 0.9（只训练几十步，默认的 0.99 跟不上）；学习率从 0.02 余弦退火到 0（均见“训练深度网络”一章）。
"""
import argparse
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow import keras

from mmdl.cli import nonnegative_int, positive_int
from mmdl.data import load_digits_split


def conv_bn(x, channels, stride=1, kernel=3, relu=True):
    if stride != 1:                                  # 与 MXNet 的 padding=1 一致：上下左右各补一行
        x = keras.layers.ZeroPadding2D(1)(x)
    x = keras.layers.Conv2D(channels, kernel, strides=stride, padding="same" if stride == 1 else "valid",
                            use_bias=False)(x)
    x = keras.layers.BatchNormalization(momentum=0.9)(x)
    return keras.layers.ReLU()(x) if relu else x


def block(x, channels, stride, residual):
    z = conv_bn(conv_bn(x, channels, stride), channels, relu=False)
    if residual:
        shortcut = x
        if stride != 1 or x.shape[-1] != channels:
            shortcut = keras.layers.BatchNormalization(momentum=0.9)(
                keras.layers.Conv2D(channels, 1, strides=stride, use_bias=False)(x))
        z = keras.layers.Add()([z, shortcut])
    return keras.layers.ReLU()(z)


def build(kind, blocks=2):
    """kind 为 "resnet"、"plain"（同样的层、没有捷径）或 "lenet"（上一章的小卷积网络）。"""
    inputs = keras.Input((8, 8, 1))
    if kind == "lenet":
        x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
        x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(x)
        x = keras.layers.Flatten()(keras.layers.MaxPooling2D(2)(x))
    else:
        x = conv_bn(inputs, 16)
        for stage, channels in enumerate((16, 32)):
            for i in range(blocks):
                x = block(x, channels, 2 if stage and i == 0 else 1, kind == "resnet")
        x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(10)(x), name=kind)


def train_both(data, epochs, blocks, seed, lr=0.02):
    """两个网络在同一个训练步骤里一起训练：总损失是两者之和。两个网络没有共同的参数，Adam 又是逐个参数
    更新的，所以这与分别训练完全相同（还用同样的小批量顺序），而追踪计算图只需一次。"""
    X_tr, X_te, y_tr, y_te = data
    keras.utils.set_random_seed(seed)
    nets = [build("resnet", blocks), build("plain", blocks)]
    weights = [w for net in nets for w in net.trainable_weights]
    schedule = keras.optimizers.schedules.CosineDecay(lr, epochs * -(-len(X_tr) // 128))   # 全部更新之后降到 0
    optimizer = keras.optimizers.Adam(schedule)
    optimizer.build(weights)                        # 先建好 Adam 的状态变量：在 tf.function 里新建变量会多追踪一次
    ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    # 这张图只运行几十次：Grappler（TensorFlow 的图优化器）优化它所花的时间，比训练中省下的还多
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
    # 批量维写成 None：每轮最后那个较小的批量也用同一张图，不会重新追踪
    @tf.function(input_signature=[tf.TensorSpec((None, 8, 8, 1)), tf.TensorSpec((None,), tf.int64)])
    def step(x, y):
        with tf.GradientTape() as tape:
            losses = [ce(y, net(x, training=True)) for net in nets]
            total = tf.add_n(losses)
        optimizer.apply(tape.gradient(total, weights), weights)
        return tf.stack(losses)

    history = np.zeros((epochs, len(nets)))
    start = time.perf_counter()
    for epoch in range(epochs):                     # 与 MXNet 版本相同的打乱顺序
        order = np.random.default_rng([seed, epoch]).permutation(len(X_tr))
        for i in range(0, len(order), 128):
            idx = order[i:i + 128]
            history[epoch] += step(X_tr[idx], y_tr[idx]).numpy() * len(idx) / len(X_tr)
    seconds = time.perf_counter() - start
    accs = [float((np.argmax(net(X_te, training=False), axis=1) == y_te).mean()) for net in nets]
    results = {net.name: (sum(int(np.prod(w.shape)) for w in net.trainable_weights), list(losses), acc)
               for net, losses, acc in zip(nets, history.T, accs)}
    return results, seconds, step.experimental_get_tracing_count()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=4, help="训练轮数")
    parser.add_argument("--blocks", type=positive_int, default=2, help="每组残差块的个数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=args.seed, scale="unit")
    data = (X_tr.reshape(-1, 8, 8, 1).astype(np.float32), X_te.reshape(-1, 8, 8, 1).astype(np.float32), y_tr, y_te)
    names = {"resnet": "小 ResNet", "plain": "普通网络"}
    results, seconds, traces = train_both(data, args.epochs, args.blocks, args.seed)
    n_conv = 1 + 4 * args.blocks
    print(f"小 ResNet 与普通网络各有 {n_conv} 个 3×3 卷积层，加上全连接层共 {n_conv + 1} 层带权重")
    print(f"{'模型':<12}{'可训练参数':>8}{'最后一轮训练损失':>16}{'测试准确率':>10}")
    for kind, (n_params, loss, acc) in results.items():
        print(f"{names[kind]:<12}{n_params:>12}{loss[-1]:>24.4f}{acc:>15.4f}")
    print(f"两个网络一起训练 {args.epochs} 轮（每轮 {-(-len(y_tr) // 128)} 步）的秒数: {seconds:.1f}")
    print(f"训练步骤被追踪的次数: {traces}")
    print(f"上一章的小卷积网络（两个卷积层、展平 + 全连接）: {build('lenet').count_params()} 个参数")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    for kind, (_, loss, acc) in results.items():
        ax.plot(np.arange(1, args.epochs + 1), loss, "o-", label=f"{names[kind]}（测试准确率 {acc:.3f}）")
    ax.set(yscale="log", xlabel="轮", ylabel="训练损失（对数坐标）", title=f"digits 上的 {n_conv + 1} 层卷积网络")
    ax.legend()
    plt.show()

if __name__ == "__main__":
    main()
