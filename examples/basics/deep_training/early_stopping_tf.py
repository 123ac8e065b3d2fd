# env: main
"""Keras 的早停：``EarlyStopping(monitor="val_loss", patience, restore_best_weights=True)``。

数据、网络与 NumPy 版本相同：200 张手写数字，64-256-10 的 ReLU 网络，SGD（学习率 0.5，批量 20）。
回调在每轮结束时比较验证损失；连续 patience 轮没有改进就让 ``fit`` 停下，
训练结束时把模型的权重换回验证损失最低的那一轮。
"""
import argparse

import keras
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


def fit_with_early_stopping(X, y, X_val, y_val, epochs, patience, lr, seed=0):
    """返回 (history.history, 回调对象, 恢复权重后模型的验证损失)。"""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((X.shape[1],)), keras.layers.Dense(256, activation="relu"),
                              keras.layers.Dense(10)])
    model.compile(keras.optimizers.SGD(lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience,
                                         restore_best_weights=True)
    history = model.fit(X, y, batch_size=20, epochs=epochs, validation_data=(X_val, y_val),
                        callbacks=[stop], verbose=0)
    return history.history, stop, model.evaluate(X_val, y_val, verbose=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-train", type=positive_int, default=200, help="训练样本数")
    parser.add_argument("--epochs", type=positive_int, default=60, help="最多训练的轮数")
    parser.add_argument("--patience", type=positive_int, default=10, help="耐心：容忍多少轮没有改进")
    parser.add_argument("--lr", type=positive_float, default=0.5, help="学习率")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    X_train, X_val, y_train, y_val = load_digits_split(seed=args.seed, scale="unit")
    if args.n_train > len(X_train):
        parser.error(f"--n-train 不能超过 {len(X_train)}")
    history, stop, restored = fit_with_early_stopping(
        X_train[:args.n_train], y_train[:args.n_train], X_val, y_val,
        args.epochs, args.patience, args.lr, args.seed)
    val = np.array(history["val_loss"])
    print(f"实际训练的轮数: {len(val)}")
    print(f"最好的轮次: {stop.best_epoch + 1}")        # 回调内部从 0 数起
    print(f"最好轮次的验证损失: {val.min():.4f}")
    print(f"最后一轮的验证损失: {val[-1]:.4f}")
    print(f"恢复权重后的验证损失: {restored:.4f}")


if __name__ == "__main__":
    main()
