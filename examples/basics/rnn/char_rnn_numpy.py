# env: main
"""字符级循环神经网络语言模型（NumPy 从零实现）：顺序划分、截断 BPTT、梯度裁剪、困惑度曲线与生成。

每个小批量的隐状态接着上一批的同一行传下去（顺序划分），梯度只在本批的 num_steps 步之内往回传（截断 BPTT）。
输入是字的编号：独热向量乘 W_xh 就是取 W_xh 的一行，所以直接按编号取行。先用 Adam 加梯度裁剪训练，
画出训练集与测试集的困惑度；再用同样的学习率做随机梯度下降，比较裁剪与不裁剪。
"""
import argparse
import re

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_float, positive_int
from mmdl.text import build_vocab, encode, poem_split


def init_params(V, H, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 0.01, (V, H)), rng.normal(0, 1 / np.sqrt(H), (H, H)), np.zeros(H),
            rng.normal(0, 0.01, (H, V)), np.zeros(V)]


def forward(params, X, h):
    """X (n, T) 的编号。返回各步隐状态 (T, n, H)、输出的 softmax 概率 (T, n, V)。"""
    W_xh, W_hh, b_h, W_hq, b_q = params
    H = []
    for x in X.T:
        h = np.tanh(W_xh[x] + h @ W_hh + b_h)
        H.append(h)
    O = np.stack(H) @ W_hq + b_q
    P = np.exp(O - O.max(axis=-1, keepdims=True))
    return np.stack(H), P / P.sum(axis=-1, keepdims=True)


def loss_and_grads(params, X, Y, h0):
    """平均交叉熵与 BPTT 梯度（只在这 T 步之内往回传）；另返回最后的隐状态。"""
    W_xh, W_hh, _, W_hq, _ = params
    H, P = forward(params, X, h0)
    T, n, _ = P.shape
    p_true = np.take_along_axis(P, Y.T[..., None], axis=-1)
    dO = P.copy()
    np.put_along_axis(dO, Y.T[..., None], p_true - 1, axis=-1)
    dO /= T * n
    grads, da = [np.zeros_like(p) for p in params], np.zeros_like(h0)
    grads[3], grads[4] = np.einsum("tnh,tnv->hv", H, dO), dO.sum(axis=(0, 1))   # 输出层：各步一起算
    dH_out = dO @ W_hq.T                              # 每一步的输出传回隐状态的梯度
    for t in reversed(range(T)):
        da = (dH_out[t] + da @ W_hh.T) * (1 - H[t] ** 2)
        np.add.at(grads[0], X[:, t], da)              # 按编号取行的梯度：加回那一行
        grads[1] += (H[t - 1] if t else h0).T @ da
        grads[2] += da.sum(axis=0)
    return -np.mean(np.log(p_true)), grads, H[-1]


def clip_global_norm(grads, theta):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return [g * (theta / max(norm, theta)) for g in grads], norm


def sequential_batches(seq, batch_size, num_steps):
    n = (len(seq) - 1) // batch_size * batch_size
    X, Y = seq[:n].reshape(batch_size, -1), seq[1:n + 1].reshape(batch_size, -1)
    for i in range(0, X.shape[1] - num_steps + 1, num_steps):
        yield X[:, i:i + num_steps], Y[:, i:i + num_steps]


def predict(params, seq):
    """整段序列作为一行、从零隐状态开始：每个位置对下一个字的分布 (len−1, V) 与真实下一个字的对数概率。"""
    P = forward(params, seq[None, :-1], np.zeros((1, params[1].shape[0])))[1][:, 0]
    return P, np.log(P[np.arange(len(seq) - 1), seq[1:]])


def train(seq, test, V, hidden, epochs, lr, theta, optimizer="adam", batch_size=8, num_steps=24, seed=0):
    """返回参数、每轮的 (训练集困惑度, 测试集困惑度)、每步的 (损失, 裁剪前的梯度范数)；损失变成 nan 即停止。"""
    params = init_params(V, hidden, seed)
    m, v, steps, history = [0.0] * 5, [0.0] * 5, [], []
    for _ in range(epochs):
        h = np.zeros((batch_size, hidden))
        for X, Y in sequential_batches(seq, batch_size, num_steps):
            with np.errstate(all="ignore"):
                loss, grads, h = loss_and_grads(params, X, Y, h)   # h 接着传，梯度不再往前传
            clipped, norm = clip_global_norm(grads, theta if theta is not None else 1.0)
            grads = clipped if theta is not None else grads
            steps.append((loss, norm))
            if not np.isfinite(loss):
                return params, np.array(history), np.array(steps)
            if optimizer == "sgd":
                params = [p - lr * g for p, g in zip(params, grads)]
                continue
            t = len(steps)                                      # Adam（见“优化器”一章）
            m = [0.9 * a + 0.1 * g for a, g in zip(m, grads)]
            v = [0.999 * a + 0.001 * g ** 2 for a, g in zip(v, grads)]
            params = [p - lr * (a / (1 - 0.9 ** t)) / (np.sqrt(b / (1 - 0.999 ** t)) + 1e-8)
                      for p, a, b in zip(params, m, v)]
        epoch_loss = np.mean([loss for loss, _ in steps[-(len(seq) // (batch_size * num_steps)):]])
        history.append((np.exp(epoch_loss), np.exp(-np.mean(predict(params, test)[1]))))
    return params, np.array(history), np.array(steps)


def generate(params, vocab, prefix, length, rng):
    """先读入前缀，再按模型的分布逐字采样，遇到结尾记号停止。"""
    h, out = np.zeros((1, params[1].shape[0])), list(prefix)
    x = [vocab.index(c) for c in prefix]
    for _ in range(length):
        H, P = forward(params, np.array([x]), h)
        h, x = H[-1], [int(rng.choice(len(vocab), p=P[-1, 0]))]
        if vocab[x[0]] == "\n":
            break
        out.append(vocab[x[0]])
    return "".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=20, help="训练轮数")
    parser.add_argument("--hidden", type=positive_int, default=64, help="隐藏单元个数")
    parser.add_argument("--lr", type=positive_float, default=0.01, help="Adam 的学习率")
    parser.add_argument("--sgd-lr", type=positive_float, default=2.0, help="比较裁剪时随机梯度下降的学习率")
    parser.add_argument("--sgd-epochs", type=positive_int, default=10, help="比较裁剪时随机梯度下降的轮数")
    parser.add_argument("--theta", type=positive_float, default=1.0, help="梯度裁剪的阈值 θ")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    train_texts, test_texts = poem_split()
    vocab = build_vocab(train_texts)
    tr, te = encode(train_texts, vocab), encode(test_texts, vocab)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")

    params, hist, _ = train(tr, te, len(vocab), args.hidden, args.epochs, args.lr, args.theta, seed=args.seed)
    best = int(np.argmin(hist[:, 1]))
    print(f"Adam（学习率 {args.lr:g}），梯度裁剪到 θ = {args.theta:g}：")
    print(f"训练集困惑度: 第 1 轮 {hist[0, 0]:.1f}，最后一轮 {hist[-1, 0]:.1f}")
    print(f"测试集困惑度: 最低 {hist[best, 1]:.1f}（第 {best + 1} 轮），最后一轮 {hist[-1, 1]:.1f}")
    P, _ = predict(params, te)
    punct = np.isin(te[1:], [vocab.index("，"), vocab.index("。")])
    print(f"测试集上标点位置的预测准确率: {np.mean(P.argmax(axis=1)[punct] == te[1:][punct]):.3f}")
    axes[0].semilogy(np.arange(1, len(hist) + 1), hist[:, 0], label="训练集")
    axes[0].semilogy(np.arange(1, len(hist) + 1), hist[:, 1], "--", label="测试集")
    axes[0].set(title="Adam + 梯度裁剪：困惑度", xlabel="轮数", ylabel="困惑度（对数坐标）")

    print(f"\n随机梯度下降（学习率 {args.sgd_lr:g}），{args.sgd_epochs} 轮:")
    for theta, name in ((args.theta, f"裁剪到 θ = {args.theta:g}"), (None, "不裁剪")):
        _, _, st = train(tr, te, len(vocab), args.hidden, args.sgd_epochs, args.sgd_lr, theta, "sgd",
                        seed=args.seed)
        nan = np.flatnonzero(~np.isfinite(st[:, 0]))
        fate = (f"第 {nan[0] + 1} 步损失变成 nan（发散）" if len(nan) else
                f"最后一轮的平均损失 {st[-len(st) // args.sgd_epochs:, 0].mean():.3f}，各步损失的最大值 {st[:, 0].max():.3f}")
        print(f"{name}：{fate}；裁剪前梯度范数的最大值 {np.nanmax(st[:, 1]):.3g}")
        axes[1].plot(np.arange(1, len(st) + 1), st[:, 0], label=name, lw=1)
    axes[1].set(title=f"随机梯度下降（学习率 {args.sgd_lr:g}）：每一步的训练损失", xlabel="步数", ylabel="交叉熵")
    for ax in axes:
        ax.legend()

    rng = np.random.default_rng(args.seed)
    print("\n用 Adam 训练的模型生成（读入两个字，再按模型的分布逐字采样）:")
    for prefix in ("明月", "春风", "孤舟"):
        print(" ", generate(params, vocab, prefix, 40, rng))
    poems = [generate(params, vocab, "明月", 60, rng)[2:] for _ in range(50)]
    lengths = [len(s) for p in poems for s in re.split("[，。]", "明月" + p)[:-1]]
    print(f"采样 50 首，句长为 5 或 7 的句子所占比例: {np.isin(lengths, (5, 7)).mean():.3f}（共 {len(lengths)} 句）")
    plt.show()


if __name__ == "__main__":
    main()
