# env: main
# timing-output: 打印的训练秒数随机器与负载变化，其余输出每次相同
"""在 digits 上训练一个小 ResNet，与同样层数的“普通”卷积网络和上一章的小卷积网络比较。

ResNet：卷积 16 → 两组残差块（16 通道 8×8；32 通道 4×4，第一个块步幅 2、用 1×1 投影捷径）
→ 全局平均池化 → 全连接 10。每个卷积之后接批量归一化（卷积因此不要偏置）。
普通网络的层完全相同，只是去掉了跳跃连接（投影捷径的 1×1 卷积也随之去掉）。
批量归一化的 momentum 取 0.9：这里只训练几百步，默认的 0.99 让滑动平均跟不上（见“训练深度网络”一章）。
"""
import argparse
import time

import matplotlib.pyplot as plt
import numpy as np
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
    return keras.Model(inputs, keras.layers.Dense(10)(x))


def train(kind, data, epochs, blocks, seed):
    X_tr, X_te, y_tr, y_te = data
    keras.utils.set_random_seed(seed)
    model = build(kind, blocks)
    model.compile(keras.optimizers.Adam(0.003), keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"], jit_compile=False)
    start = time.perf_counter()
    h = model.fit(X_tr, y_tr, batch_size=128, epochs=epochs, verbose=0)
    seconds = time.perf_counter() - start
    return model, h.history["loss"], model.evaluate(X_te, y_te, batch_size=500, verbose=0)[1], seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=8, help="训练轮数")
    parser.add_argument("--blocks", type=positive_int, default=2, help="每组残差块的个数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_tr, X_te, y_tr, y_te = load_digits_split(test_size=0.25, seed=args.seed, scale="unit")
    data = (X_tr.reshape(-1, 8, 8, 1), X_te.reshape(-1, 8, 8, 1), y_tr, y_te)

    names = {"resnet": "小 ResNet", "plain": "普通网络"}
    results = {kind: train(kind, data, args.epochs, args.blocks, args.seed) for kind in names}
    n_conv = 1 + 4 * args.blocks
    print(f"小 ResNet 与普通网络各有 {n_conv} 个 3×3 卷积层，加上全连接层共 {n_conv + 1} 层带权重")
    print(f"{'模型':<12}{'可训练参数':>8}{'最后一轮训练损失':>16}{'测试准确率':>10}{'训练秒数':>8}")
    for kind, (model, loss, acc, seconds) in results.items():
        trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
        print(f"{names[kind]:<12}{trainable:>12}{loss[-1]:>24.4f}{acc:>15.4f}{seconds:>12.1f}")
    print(f"上一章的小卷积网络（两个卷积层、展平 + 全连接）: {build('lenet').count_params()} 个参数")

    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    for kind, (_, loss, acc, _) in results.items():
        ax.plot(np.arange(1, args.epochs + 1), loss, "o-", label=f"{names[kind]}（测试准确率 {acc:.3f}）")
    ax.set(yscale="log", xlabel="轮", ylabel="训练损失（对数坐标）", title=f"digits 上的 {n_conv + 1} 层卷积网络")
    ax.legend()
    plt.show()

if __name__ == "__main__":
    main()
