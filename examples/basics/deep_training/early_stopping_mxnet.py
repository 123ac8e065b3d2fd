# env: mxnet
"""MXNet 的早停：``gluon.contrib.estimator`` 里的 ``EarlyStoppingHandler``（MXNet 1.6 起提供）。

数据、网络与 NumPy、Keras 版本相同：200 张手写数字，64-256-10 的 ReLU 网络，SGD（学习率 0.5，批量 20）。
它配合 contrib 里的 ``Estimator`` 训练循环使用，连续 patience 轮没有改进就让训练停下；与 Keras 不同，
它不把权重换回最好的一轮。另外 MXNet 1.9.1 的 ``mode="auto"`` 不论监视什么都当作“越大越好”，
监视损失时必须写 ``mode="min"``。本示例打印这几点。
"""
import argparse
import logging
import warnings

import mxnet as mx
import numpy as np
from mxnet import gluon
from mxnet.gluon.contrib.estimator import Estimator
from mxnet.gluon.contrib.estimator.event_handler import EarlyStoppingHandler, EpochEnd

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.data import load_digits_split


class RecordValLoss(EpochEnd):
    """每轮结束时记下验证损失。"""

    def __init__(self, metric):
        self.metric, self.values = metric, []

    def epoch_end(self, estimator, *args, **kwargs):
        self.values.append(self.metric.get()[1])


def fit_with_early_stopping(X, y, X_val, y_val, epochs, patience, lr, seed=0):
    """返回 (每轮的验证损失, 早停处理器, 训练结束时模型的验证损失)。"""
    mx.random.seed(seed)
    np.random.seed(seed)
    net = gluon.nn.Sequential()
    net.add(gluon.nn.Dense(256, activation="relu"), gluon.nn.Dense(10))
    net.initialize(mx.init.Xavier())
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    est = Estimator(net, loss, trainer=gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr}))
    est.logger.setLevel(logging.ERROR)                     # 不打印每轮的训练日志
    train = gluon.data.DataLoader(gluon.data.ArrayDataset(X.astype("float32"), y), batch_size=20, shuffle=True)
    val = gluon.data.DataLoader(gluon.data.ArrayDataset(X_val.astype("float32"), y_val), batch_size=500)
    val_loss = next(m for m in est.val_metrics if "loss" in m.name)
    record = RecordValLoss(val_loss)
    stop = EarlyStoppingHandler(monitor=val_loss, patience=patience, mode="min")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                    # Estimator 关于默认处理器的提示
        est.fit(train, val_data=val, epochs=epochs, event_handlers=[record, stop])
    final = loss(net(mx.nd.array(X_val)), mx.nd.array(y_val)).mean().asscalar()
    return np.array(record.values), stop, final


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
    val, stop, final = fit_with_early_stopping(
        X_train[:args.n_train], y_train[:args.n_train], X_val, y_val,
        args.epochs, args.patience, args.lr, args.seed)
    print(f"实际训练的轮数: {len(val)}")
    print(f"最好的轮次: {int(val.argmin()) + 1}")
    print(f"停止的轮次: {stop.stopped_epoch + 1}")         # 处理器内部从 0 数起
    print(f"最好轮次的验证损失: {val.min():.4f}")
    print(f"最后一轮的验证损失: {val[-1]:.4f}")
    print(f"训练结束时模型的验证损失: {final:.4f}")
    print(f"训练结束时的权重是最好的一轮吗: {'是' if abs(final - val.min()) < 1e-4 else '否'}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        auto = EarlyStoppingHandler(monitor=mx.metric.Loss("validation loss"), mode="auto")
    print(f"mode='auto' 监视损失时用的比较: {auto.monitor_op.__name__}")


if __name__ == "__main__":
    main()
