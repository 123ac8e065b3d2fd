# env: main
"""Keras 实现同一个小卷积网络：卷积 8@3×3 → 卷积 16@3×3 → 2×2 最大池化 → 全连接 10，Adam 训练。

为了与 NumPy、Gluon 版本逐步对照，初始权重由 NumPy 生成后用 set_weights 装入，每轮把训练集
按同样的顺序排好再交给 fit（shuffle=False）。Keras 在 CPU 上用 NHWC 布局：卷积核要从
(输出, 输入, kh, kw) 转置成 (kh, kw, 输入, 输出)；展平后的顺序是 (行, 列, 通道)，
全连接层权重的行也要按这个顺序重排。平时直接用 Keras 的初始化和 fit(shuffle=True) 即可。
"""
import argparse

import keras
import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import DATASETS, DatasetError, load_digits_split, load_fashion_mnist


def load_data(dataset="digits", data_dir=None, seed=0):
    """NCHW 的 float32 图像（像素在 [0, 1]）与标签：digits 分层划分 75%/25%，Fashion-MNIST 用官方划分。"""
    X_tr, X_te, y_tr, y_te = (load_digits_split(test_size=0.25, seed=seed, scale="unit") if dataset == "digits"
                              else load_fashion_mnist(data_dir))
    side = int(round(np.sqrt(X_tr.shape[1])))
    return [X.reshape(-1, 1, side, side).astype(np.float32) for X in (X_tr, X_te)] + [y_tr, y_te]


def init_params(side=8, seed=0):
    """He 初始化：N(0, 2/输入数)，偏置为 0。卷积核 (输出通道, 输入通道, 3, 3)，全连接 (输入, 输出)。"""
    rng = np.random.default_rng(seed)
    layers = [((8, 1, 3, 3), 9, 8), ((16, 8, 3, 3), 72, 16), ((16 * (side // 2) ** 2, 10), 16 * (side // 2) ** 2, 10)]
    return [a.astype(np.float32) for shape, fan_in, n_out in layers
            for a in (rng.normal(0, np.sqrt(2 / fan_in), shape), np.zeros(n_out))]


def minibatches(n, batch_size, epoch, seed=0):
    """第 epoch 轮的小批量下标：每轮用 (seed, epoch) 重新打乱一次。"""
    order = np.random.default_rng([seed, epoch]).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def to_keras(params, side):
    """NumPy 参数（NCHW 约定）→ Keras 权重（NHWC 约定）。"""
    W1, b1, W2, b2, W3, b3 = params
    W3 = W3.reshape(16, side // 2, side // 2, 10).transpose(1, 2, 0, 3).reshape(-1, 10)
    return [W1.transpose(2, 3, 1, 0), b1, W2.transpose(2, 3, 1, 0), b2, W3, b3]


def build_model(side=8, lr=0.003):
    model = keras.Sequential([
        keras.Input(shape=(side, side, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(10),                      # 输出 logits，softmax 放进损失里
    ])
    # steps_per_execution：一次调用计算图连跑至多 64 步（digits 每轮 43 步），不必每步都回到 Python，结果不变
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr, epsilon=1e-7), steps_per_execution=64,
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    return model


def train(X, y, epochs=10, batch_size=32, lr=0.003, seed=0):
    """X 为 NCHW；返回 (模型, 每轮各小批量损失的平均)。"""
    side = X.shape[2]
    model = build_model(side, lr)
    model.set_weights(to_keras(init_params(side, seed), side))
    X = X.transpose(0, 2, 3, 1)                      # NCHW → NHWC
    history = []
    for epoch in range(epochs):
        order = np.concatenate(minibatches(len(X), batch_size, epoch, seed))
        h = model.fit(X[order], y[order], batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        history.append(h.history["loss"][0])
    return model, history


def show_features(model, image):
    """第一层的 8 个卷积核（红正蓝负），以及一张图片在两层卷积（ReLU 之后）的特征图。"""
    probe = keras.Model(model.inputs[0], [model.layers[0].output, model.layers[1].output])
    A1, A2 = (np.asarray(a[0]).transpose(2, 0, 1) for a in probe(image[None]))
    kernels = model.layers[0].get_weights()[0][:, :, 0, :].transpose(2, 0, 1)
    rows = [("卷积核", "RdBu_r", kernels), ("第一层", "gray_r", A1), ("第二层", "gray_r", A2[:8]), ("", "gray_r", A2[8:])]
    fig, axes = plt.subplots(4, 9, figsize=(8, 4.2), layout="constrained")
    for ax_row, (name, cmap, maps) in zip(axes, rows):
        ax_row[0].text(0.5, 0.5, name, ha="center", va="center", fontsize=12)
        ax_row[0].axis("off")
        for ax, im in zip(ax_row[1:], maps):
            top = float(np.abs(im).max()) + 1e-12
            ax.imshow(im, cmap=cmap, vmin=-top if cmap == "RdBu_r" else 0, vmax=top)
            ax.set_xticks([]), ax.set_yticks([]), ax.grid(False)
    fig.suptitle("第一层学到的 3×3 卷积核，以及一张测试图片经过两层卷积后的特征图")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=DATASETS, default="digits", help="数据集")
    parser.add_argument("--data-dir", default=None, help="Fashion-MNIST 文件所在目录（默认读 MMDL_DATA_DIR）")
    parser.add_argument("--epochs", type=positive_int, default=10, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=32, help="批量大小")
    parser.add_argument("--lr", type=positive_float, default=0.003, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    try:
        X_tr, X_te, y_tr, y_te = load_data(args.dataset, args.data_dir, args.seed)
    except DatasetError as exc:
        parser.exit(2, f"{parser.prog}: error: {exc}\n")

    model, history = train(X_tr, y_tr, args.epochs, args.batch_size, args.lr, args.seed)
    _, test_acc = model.evaluate(X_te.transpose(0, 2, 3, 1), y_te, batch_size=500, verbose=0)
    print(f"最后一轮的训练损失: {history[-1]:.6f}")
    print(f"测试准确率: {test_acc:.4f}")
    print(f"卷积网络参数个数: {model.count_params()}")
    # print_fn=print：表格作为普通文字打印（在终端和 Jupyter 里一样；不给它时 Jupyter 里显示成富文本）
    model.summary(line_length=72, print_fn=print)
    show_features(model, X_te[0].transpose(1, 2, 0))
    plt.show()


if __name__ == "__main__":
    main()
