# env: mxnet
"""七种优化器经 gluon.Trainer 训练同一个手写数字 MLP：训练损失曲线与测试准确率。

与 TensorFlow 版相同的数据、初始权重（NumPy 固定种子生成）与小批量顺序。Gluon 的损失
返回每个样本的值，``backward()`` 对它们求和；``trainer.step(batch_size)`` 再把梯度乘以
rescale_grad = 1/batch_size，得到批内平均梯度，与 Keras 的 "sum_over_batch_size" 一致。
"""
import argparse
import math

import matplotlib.pyplot as plt
import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from mmdl.cli import nonnegative_int, positive_int
from mmdl.data import load_digits_split

HYPER = {
    "SGD": dict(lr=0.2),
    "Momentum": dict(lr=0.02, momentum=0.9),  # 长期有效步长 η/(1−μ) = 0.2，与 SGD 相同
    "Nesterov": dict(lr=0.02, momentum=0.9),
    "AdaGrad": dict(lr=0.05, eps=1e-7),
    "RMSProp": dict(lr=0.003, rho=0.9, eps=1e-7),
    "Adam": dict(lr=0.005, beta1=0.9, beta2=0.999, eps=1e-7),
    "AdamW": dict(lr=0.005, beta1=0.9, beta2=0.999, eps=1e-7, weight_decay=0.02),
}


@mx.optimizer.register
class AdamW(mx.optimizer.Optimizer):
    """MXNet 1.x 没有注册 AdamW：用 contrib.adamw_update 补上，每步减去 η·wd·w。"""

    def __init__(self, beta1=0.9, beta2=0.999, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def create_state(self, index, weight):
        return (nd.zeros_like(weight), nd.zeros_like(weight))

    def update(self, index, weight, grad, state):
        self._update_count(index)
        t = self._index_update_count[index]
        correction = math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        # 算子计算 w ← w − eta·(lr·m/(√v + ε) + wd·w)：偏差修正给 lr，学习率给 eta
        nd.contrib.adamw_update(weight, grad, *state, rescale_grad=self.rescale_grad,
                                lr=correction, eta=self._get_lr(index), wd=self._get_wd(index),
                                beta1=self.beta1,
                                beta2=self.beta2, epsilon=self.epsilon, out=weight)


def load_data(seed):
    Xtr, Xte, ytr, yte = load_digits_split(seed=seed)  # 分层划分，按训练集标准化
    return Xtr.astype(np.float32), ytr, Xte.astype(np.float32), yte


def init_weights(seed, sizes=(64, 32, 10)):
    """Glorot 均匀初始化，权重形状 (输入, 输出)，偏置为 0（与 TensorFlow 版逐位相同）。"""
    rng = np.random.default_rng(seed)
    out = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6 / (n_in + n_out))
        out += [rng.uniform(-limit, limit, (n_in, n_out)).astype(np.float32),
                np.zeros(n_out, np.float32)]
    return out


def make_trainer(name, h, params):
    table = {"SGD": ("sgd", {}), "Momentum": ("sgd", {"momentum": h.get("momentum")}),
             "Nesterov": ("nag", {"momentum": h.get("momentum")}),
             "AdaGrad": ("adagrad", {"eps": h.get("eps")}),
             "RMSProp": ("rmsprop", {"gamma1": h.get("rho"), "epsilon": h.get("eps")}),
             "Adam": ("adam", {"beta1": h.get("beta1"), "beta2": h.get("beta2"),
                               "epsilon": h.get("eps")}),
             "AdamW": ("adamw", {"beta1": h.get("beta1"), "beta2": h.get("beta2"),
                                 "epsilon": h.get("eps"), "wd": h.get("weight_decay")})}
    optimizer, kwargs = table[name]
    return gluon.Trainer(params, optimizer, dict(learning_rate=h["lr"], **kwargs))


def train(name, data, epochs, batch_size, seed):
    """返回 (每轮结束时的训练损失列表, 测试准确率)。"""
    Xtr, ytr, Xte, yte = data
    net = gluon.nn.HybridSequential()
    net.add(gluon.nn.Dense(32, activation="relu", in_units=64), gluon.nn.Dense(10, in_units=32))
    net.initialize()
    for p, value in zip(net.collect_params().values(), init_weights(seed)):
        p.set_data(nd.array(value.T if value.ndim == 2 else value))  # Gluon 权重是 (输出, 输入)
    net.hybridize()
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()  # sparse_label=True：标签是类别下标
    trainer = make_trainer(name, HYPER[name], net.collect_params())
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(ytr))
        for i in range(0, len(ytr), batch_size):
            idx = order[i:i + batch_size]
            with autograd.record():
                loss = loss_fn(net(nd.array(Xtr[idx])), nd.array(ytr[idx]))
            loss.backward()
            trainer.step(len(idx))  # 梯度除以本批样本数
        losses.append(loss_fn(net(nd.array(Xtr)), nd.array(ytr)).mean().asscalar())
    acc = float(np.mean(net(nd.array(Xte)).asnumpy().argmax(axis=1) == yte))
    return losses, acc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=15, help="训练轮数")
    parser.add_argument("--batch-size", type=positive_int, default=64, help="小批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    data = load_data(args.seed)
    for name in HYPER:
        losses, acc = train(name, data, args.epochs, args.batch_size, args.seed)
        print(f"{name} 训练损失: {losses[-1]:.4f}")
        print(f"{name} 测试准确率: {acc:.4f}")
        plt.semilogy(range(1, args.epochs + 1), losses, marker=".", label=name)
    plt.xlabel("轮数")
    plt.ylabel("训练集交叉熵（对数坐标）")
    plt.title("MXNet：手写数字 MLP 的训练损失")
    plt.legend(ncol=2)
    plt.show()


if __name__ == "__main__":
    main()
