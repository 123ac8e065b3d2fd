# env: main
"""从零实现七种优化器，并在病态二次函数上画出它们的轨迹。

每个优化器是一个小类：``step(w, g)`` 接收当前参数 w 与梯度 g，返回更新后的参数，
动量、累积量等状态保存在对象里。目标函数 f(x, y) = (x² + 20y²)/2 的两个方向曲率
相差 20 倍：沿 y 方向陡、沿 x 方向平，正好暴露梯度下降“来回震荡、前进缓慢”的毛病。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import positive_int

CURVATURE = np.array([1.0, 20.0])  # f(w) = ½ Σ c_i w_i²，Hessian = diag(c)
START = np.array([-4.5, 1.5])
# 三个示例（NumPy / TensorFlow / MXNet）用同一张超参数表
HYPER = {
    "GD": dict(lr=0.09),
    "Momentum": dict(lr=0.02, momentum=0.8),
    "Nesterov": dict(lr=0.02, momentum=0.8),
    "AdaGrad": dict(lr=1.0, eps=1e-7, initial_accumulator=0.0),
    "RMSProp": dict(lr=0.2, rho=0.9, eps=1e-7),
    "Adam": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=True),
    "AdamW": dict(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.2,
                  eps_hat=True),
}


class GD:
    """w ← w − ηg。全批量 GD、SGD、小批量 GD 都用这条规则，区别只在 g 由多少样本算出。"""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, g):
        return w - self.lr * g


class Momentum:
    """v ← μv − ηg，w ← w + v（Polyak 重球法）。状态从标量 0 开始，靠广播变成数组。"""

    def __init__(self, lr, momentum=0.9, nesterov=False):
        self.lr, self.mu, self.nesterov, self.v = lr, momentum, nesterov, 0.0

    def step(self, w, g):
        self.v = self.mu * self.v - self.lr * g
        # Nesterov 的“换元”写法（Bengio 等 2013）：w 存的是前瞻点 θ + μv
        return w + (self.mu * self.v - self.lr * g if self.nesterov else self.v)


class Nesterov(Momentum):
    def __init__(self, lr, momentum=0.9):
        super().__init__(lr, momentum, nesterov=True)


def nesterov_lookahead(grad_fn, theta0, lr, momentum, steps):
    """Sutskever 等（2013）的原始写法：在前瞻点 θ + μv 处求梯度。返回各步的 θ + μv。"""
    theta, v, points = np.asarray(theta0, float), 0.0, []
    for _ in range(steps):
        v = momentum * v - lr * grad_fn(theta + momentum * v)
        theta = theta + v
        points.append(theta + momentum * v)
    return np.array(points)


class AdaGrad:
    """r ← r + g²，w ← w − ηg/√(r + ε)；r 的初值 r₀ 可设（Keras 默认 0.1，MXNet 为 0）。"""

    def __init__(self, lr, eps=1e-7, initial_accumulator=0.0):
        self.lr, self.eps, self.r = lr, eps, initial_accumulator

    def step(self, w, g):
        self.r = self.r + g * g
        return w - self.lr * g / np.sqrt(self.r + self.eps)


class RMSProp:
    """s ← ρs + (1−ρ)g²，w ← w − ηg/√(s + ε)。"""

    def __init__(self, lr, rho=0.9, eps=1e-7):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, g):
        self.s = self.rho * self.s + (1 - self.rho) * g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam:
    """Kingma & Ba（2015）算法 1，含偏差修正。eps_hat=True 时用论文第 2 节末的高效写法：
    偏差修正并入步长，ε（论文记作 ε̂）加在未修正的 √v 上——Keras 与 MXNet 都这样做。"""

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, eps_hat=False):
        self.lr, self.b1, self.b2, self.eps, self.eps_hat = lr, beta1, beta2, eps, eps_hat
        self.m, self.v, self.t = 0.0, 0.0, 0

    def step(self, w, g):
        self.t += 1
        self.m = self.b1 * self.m + (1 - self.b1) * g
        self.v = self.b2 * self.v + (1 - self.b2) * g * g
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        if self.eps_hat:
            return w - self.lr * np.sqrt(c2) / c1 * self.m / (np.sqrt(self.v) + self.eps)
        return w - self.lr * (self.m / c1) / (np.sqrt(self.v / c2) + self.eps)


class AdamW(Adam):
    """Loshchilov & Hutter（2019）：衰减与梯度步解耦，w ← w − Adam 步 − ηλw。

    λ 乘以学习率 η（Keras、PyTorch、optax 的约定；论文里 λ 只乘学习率调度的乘子）。
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01,
                 eps_hat=False):
        super().__init__(lr, beta1, beta2, eps, eps_hat)
        self.wd = weight_decay

    def step(self, w, g):
        return super().step(w, g) - self.lr * self.wd * w


OPTIMIZERS = {"GD": GD, "Momentum": Momentum, "Nesterov": Nesterov, "AdaGrad": AdaGrad,
              "RMSProp": RMSProp, "Adam": Adam, "AdamW": AdamW}


def loss(w):
    return 0.5 * np.sum(CURVATURE * w * w, axis=-1)


def grad(w):
    return CURVATURE * w


def trajectory(name, hyper, w0, steps, grad_fn=grad):
    """用名为 name 的优化器走 steps 步，返回形状 (steps+1, d) 的参数序列。"""
    opt = OPTIMIZERS[name](**hyper)
    path = [np.array(w0, dtype=float)]
    for _ in range(steps):
        path.append(opt.step(path[-1], grad_fn(path[-1])))
    return np.array(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=positive_int, default=40, help="迭代步数")
    args = parser.parse_args(argv)

    paths = {name: trajectory(name, HYPER[name], START, args.steps) for name in HYPER}
    for name, path in paths.items():
        print(f"{name} 终点 x: {path[-1, 0]:.4f}")
        print(f"{name} 终点 y: {path[-1, 1]:.4f}")
        print(f"{name} 终点损失: {loss(path[-1]):.4f}")

    xs, ys = np.meshgrid(np.linspace(-5, 1, 200), np.linspace(-2, 2, 200))
    zs = loss(np.stack([xs, ys], axis=-1))
    fig, axes = plt.subplots(2, 4, figsize=(13, 5.6), constrained_layout=True)
    for ax, (name, path) in zip(axes.flat, paths.items()):
        ax.contour(xs, ys, zs, levels=np.geomspace(0.05, 60, 12), colors="0.75", linewidths=0.7)
        ax.plot(path[:, 0], path[:, 1], "o-", ms=2.5, lw=1, color="tab:red")
        ax.plot(0, 0, "k*", ms=8)
        ax.set(title=name, xlabel="x", ylabel="y", xlim=(-5, 1), ylim=(-2, 2))
    ax = axes.flat[-1]
    for name, path in paths.items():
        ax.semilogy(loss(path), label=name)
    ax.set(title="损失随步数的变化", xlabel="步数", ylabel="f(x, y)")
    ax.legend(fontsize=7, ncol=2)
    plt.show()


if __name__ == "__main__":
    main()
