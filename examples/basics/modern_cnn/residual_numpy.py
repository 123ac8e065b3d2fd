# env: main
"""残差块的前向与反向（NumPy 从零实现），以及深层网络里恒等捷径怎样让梯度传回前面的层。

残差块：h = ReLU(conv₁(x))，y = ReLU(conv₂(h) + shortcut(x))。形状不变时 shortcut 是恒等映射；
步幅为 2 或通道数改变时用 1×1 卷积（投影捷径）。反向时 ∂L/∂x 是两条路径之和，
恒等路径把上游梯度原样送回——把很多块叠起来，这条路径让梯度不会随深度指数衰减。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def conv(X, W, b, s=1, p=0):
    """NCHW 卷积（互相关）：对核内每个偏移 (u, v) 取一片输入，做通道维的矩阵乘法。"""
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
    k = W.shape[2]
    Ho, Wo = (Xp.shape[2] - k) // s + 1, (Xp.shape[3] - k) // s + 1
    Y = np.zeros((X.shape[0], W.shape[0], Ho, Wo)) + b[:, None, None]
    for u in range(k):
        for v in range(k):
            Y += np.einsum("nchw,fc->nfhw", Xp[:, :, u:u + s * Ho:s, v:v + s * Wo:s], W[:, :, u, v])
    return Y


def conv_backward(G, X, W, s=1, p=0):
    """返回 (∂L/∂X, ∂L/∂W, ∂L/∂b)：每个偏移把梯度累加回它读过的输入。"""
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))
    dXp, dW = np.zeros_like(Xp), np.zeros_like(W)
    Ho, Wo = G.shape[2:]
    for u in range(W.shape[2]):
        for v in range(W.shape[3]):
            window = (slice(None), slice(None), slice(u, u + s * Ho, s), slice(v, v + s * Wo, s))
            dW[:, :, u, v] = np.einsum("nfhw,nchw->fc", G, Xp[window])
            dXp[window] += np.einsum("nfhw,fc->nchw", G, W[:, :, u, v])
    return dXp[:, :, p:Xp.shape[2] - p, p:Xp.shape[3] - p], dW, G.sum(axis=(0, 2, 3))


def init_block(rng, c_in, c_out, stride=1, scale=1.0):
    """Glorot 均匀分布（Keras Conv2D 的默认值）乘 scale；偏置随机一点，便于核对梯度。"""
    def w(f, c, k):
        a = scale * np.sqrt(6 / ((c + f) * k * k))
        return rng.uniform(-a, a, (f, c, k, k)), rng.normal(0, 0.1, f)
    P = dict(zip(("W1", "b1"), w(c_out, c_in, 3))) | dict(zip(("W2", "b2"), w(c_out, c_out, 3)))
    if stride != 1 or c_in != c_out:
        P.update(zip(("Ws", "bs"), w(c_out, c_in, 1)))
    return P


def block_forward(x, P, stride=1, residual=True):
    z1 = conv(x, P["W1"], P["b1"], stride, 1)
    h = np.maximum(z1, 0)
    z = conv(h, P["W2"], P["b2"], 1, 1)
    if residual:
        z = z + (conv(x, P["Ws"], P["bs"], stride) if "Ws" in P else x)
    return np.maximum(z, 0), (x, z1, h, z)


def block_backward(G, cache, P, stride=1, residual=True):
    x, z1, h, z = cache
    g = G * (z > 0)
    dh, dW2, db2 = conv_backward(g, h, P["W2"], 1, 1)
    dx, dW1, db1 = conv_backward(dh * (z1 > 0), x, P["W1"], stride, 1)
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    if residual and "Ws" in P:
        dxs, grads["Ws"], grads["bs"] = conv_backward(g, x, P["Ws"], stride)
        dx = dx + dxs
    elif residual:
        dx = dx + g                      # 恒等捷径：上游梯度原样加回来
    return dx, grads


def input_grad_norm(depth, residual, rng, C=8, side=8):
    """depth 个块叠起来，L = Σ R ⊙ 输出；返回 ‖∂L/∂x₀‖ / ‖R‖。"""
    x = rng.normal(size=(4, C, side, side))
    blocks, caches = [init_block(rng, C, C) for _ in range(depth)], []
    for P in blocks:
        x, cache = block_forward(x, P, residual=residual)
        caches.append(cache)
    g = R = rng.normal(size=x.shape)
    for P, cache in zip(reversed(blocks), reversed(caches)):
        g = block_backward(g, cache, P, residual=residual)[0]
    return np.linalg.norm(g) / np.linalg.norm(R)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-depth", type=positive_int, default=32, help="最多叠几个块（取 1, 2, 4, … 直到它）")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    rng, aux = np.random.default_rng(args.seed), np.random.default_rng([args.seed, 1])

    for name, (c_in, c_out, stride) in (("恒等捷径", (3, 3, 1)), ("投影捷径", (3, 4, 2))):
        x, P = rng.normal(size=(2, c_in, 6, 6)), init_block(rng, c_in, c_out, stride)
        y, cache = block_forward(x, P, stride)
        R = aux.normal(size=y.shape)
        dx, grads = block_backward(R, cache, P, stride)
        errs = []
        for key, A in [("x", x)] + list(P.items()):
            i = tuple(aux.integers(0, n) for n in A.shape)          # 抽一个元素做中心差分
            old, h = A[i], 1e-6
            A[i] = old + h
            up = (R * block_forward(x, P, stride)[0]).sum()
            A[i] = old - h
            down = (R * block_forward(x, P, stride)[0]).sum()
            A[i] = old
            errs.append(abs((dx if key == "x" else grads[key])[i] - (up - down) / (2 * h)))
        print(f"{name}：输入 {x.shape} → 输出 {y.shape}，参数 {sum(A.size for A in P.values())} 个"
              f"（{', '.join(P)}），输出之和 {y.sum():.4f}，y[0, 0, 0] = {np.round(y[0, 0, 0], 4)}")
        print(f"  {len(errs)} 个梯度（x 与每个参数各抽一个元素）与中心差分的最大差 {max(errs):.1e}")

    depths = [2 ** i for i in range(int(np.log2(args.max_depth)) + 1)]
    norms = {r: [input_grad_norm(d, r, np.random.default_rng([args.seed, d])) for d in depths] for r in (False, True)}
    print("\n块数  ‖∂L/∂x₀‖/‖∂L/∂y‖：普通堆叠  残差堆叠")
    for d, a, b in zip(depths, norms[False], norms[True]):
        print(f"{d:4d}  {a:18.2e}  {b:9.2e}")
    fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
    ax.semilogy(depths, norms[False], "o-", label="普通堆叠（两层卷积为一块）")
    ax.semilogy(depths, norms[True], "s-", label="残差堆叠（加恒等捷径）")
    ax.set(xscale="log", xlabel="块数（每块两个 3×3 卷积）", ylabel="输入梯度范数 / 输出梯度范数",
           title="Glorot 初始化下梯度传回第一层的比例")
    ax.set_xticks(depths, [str(d) for d in depths])
    ax.legend()
    plt.show()


if __name__ == "__main__":
    main()
