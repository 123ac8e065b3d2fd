# env: main
"""保存与加载 Keras 模型：``.keras`` 文件与 SavedModel 两种格式，重载后预测必须一致。

``model.save("x.keras")`` 把结构、权重和优化器状态打包成一个 zip 文件，
``keras.models.load_model`` 还原出可以继续训练的 Keras 模型；``model.export(目录)``
写出 TensorFlow 的 SavedModel，只包含推理用的计算图和权重，``tf.saved_model.load``
不需要 Keras 代码就能调用，部署工具（TF Serving 等）读的就是它。文件写在当前目录。
"""
import argparse
import os

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

from mmdl.cli import nonnegative_int, positive_int


def trained_model(epochs=3, seed=0):
    keras.utils.set_random_seed(seed)
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    model = keras.Sequential([keras.Input(shape=(64,)),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, digits.target, epochs=epochs, batch_size=64, verbose=0)
    return model, x


def roundtrip(model, x, stem="digits_mlp"):
    """保存、重载，返回 (原预测, .keras 重载后的预测, SavedModel 重载后的预测)。"""
    original = model.predict(x, verbose=0)

    model.save(f"{stem}.keras")
    restored = keras.models.load_model(f"{stem}.keras")
    from_keras = restored.predict(x, verbose=0)

    model.export(f"{stem}_savedmodel", verbose=False)
    served = tf.saved_model.load(f"{stem}_savedmodel")
    from_savedmodel = served.serve(tf.constant(x)).numpy()
    return original, from_keras, from_savedmodel


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=3, help="训练轮数")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    model, x = trained_model(args.epochs, args.seed)
    original, from_keras, from_savedmodel = roundtrip(model, x)
    print("写出文件: digits_mlp.keras")
    contents = ", ".join(sorted(os.listdir("digits_mlp_savedmodel")))
    print(f"写出目录: digits_mlp_savedmodel/（{contents}）")
    print(f"前 10 个样本的预测类别: {original[:10].argmax(axis=1).tolist()}")
    print(f".keras 重载后预测的最大差异: {np.abs(original - from_keras).max():.1e}")
    print(f"SavedModel 重载后预测的最大差异: {np.abs(original - from_savedmodel).max():.1e}")


if __name__ == "__main__":
    main()
