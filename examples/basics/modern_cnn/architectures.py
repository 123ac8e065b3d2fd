# env: main
"""从 AlexNet 到 DenseNet：按论文给出的结构逐层推算参数个数与乘加次数（224×224 彩色输入，1000 类）。

卷积层的参数是 k²·C_in/groups·C_out + C_out（有偏置时），乘加次数是 H_out·W_out·k²·C_in/groups·C_out；
全连接层分别是 n_in·n_out + n_out 与 n_in·n_out。批量归一化每个通道有 γ、β 两个参数；
池化、激活和批量归一化的计算量很小，不计入乘加。ResNet 与 DenseNet 的卷积后接批量归一化，不带偏置。
"""
import argparse

import matplotlib.pyplot as plt


class Net:
    """记下当前特征图的 (通道, 边长)，每加一层累计参数与乘加次数。"""

    def __init__(self, side=224, channels=3):
        self.c, self.side, self.params, self.macs = channels, side, 0, 0

    def add(self, c_out, side, params=0, macs=0):
        self.c, self.side, self.params, self.macs = c_out, side, self.params + params, self.macs + macs
        return self

    def conv(self, c_out, k, s=1, p=None, groups=1, bias=True, bn=False):    # bn：卷积后接批量归一化
        side = (self.side + 2 * (k // 2 if p is None else p) - k) // s + 1
        weights = k * k * self.c // groups * c_out
        return self.add(c_out, side, weights + (c_out if bias else 0) + (2 * c_out if bn else 0), side ** 2 * weights)

    def pool(self, k, s, p=0):
        return self.add(self.c, (self.side + 2 * p - k) // s + 1)

    def fc(self, n_out, n_in=None):                                           # n_in 给出时：全局平均池化之后
        n_in = n_in or self.c * self.side ** 2
        return self.add(n_out, 1, n_in * n_out + n_out, n_in * n_out)

    def branch(self):                  # 从当前特征图分出一条路径（Inception 块、残差块、稠密块）
        return Net(self.side, self.c)

    def merge(self, *branches, channels):  # 并回几条路径；channels：汇合后的通道数（拼接时各路相加，相加时不变）
        return self.add(channels, branches[0].side, sum(b.params for b in branches), sum(b.macs for b in branches))


# 各网络的结构表（画结构图的 block_diagrams.py 用同样的数，测试核对两者一致）
VGG16 = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))            # 每块：(通道, 3×3 卷积个数)
NIN = ((96, 11, 4, 0), (256, 5, 1, 2), (384, 3, 1, 1), (1000, 3, 1, 1))  # 每块：(通道, k, 步幅, 填充)
GOOGLENET = [(64, 96, 128, 16, 32, 32), (128, 128, 192, 32, 96, 64, "pool"),   # 每块六个通道数；"pool"：块后池化
             (192, 96, 208, 16, 48, 64), (160, 112, 224, 24, 64, 64), (128, 128, 256, 24, 64, 64),
             (112, 144, 288, 32, 64, 64), (256, 160, 320, 32, 128, 128, "pool"),
             (256, 160, 320, 32, 128, 128), (384, 192, 384, 48, 128, 128)]
RESNET = {18: ((2, 2, 2, 2), False), 50: ((3, 4, 6, 3), True)}      # 每组的块数，是否瓶颈块
DENSENET121 = ((6, 12, 24, 16), 32)                                  # 每个稠密块的层数，增长率


def alexnet():          # Krizhevsky 等 2012：227×227 输入，两块 GPU 各算一半（conv2、4、5 分两组）
    n = Net(227).conv(96, 11, 4, 0).pool(3, 2).conv(256, 5, groups=2).pool(3, 2)
    n.conv(384, 3).conv(384, 3, groups=2).conv(256, 3, groups=2).pool(3, 2)
    return n.fc(4096).fc(4096).fc(1000)


def vgg16():            # Simonyan 与 Zisserman 2014，配置 D：全是 3×3 卷积
    n = Net()
    for c, reps in VGG16:
        for _ in range(reps):
            n.conv(c, 3)
        n.pool(2, 2)
    return n.fc(4096).fc(4096).fc(1000)


def nin():              # Lin 等 2013（d2l 所用的 ImageNet 配置）：每块一个 k×k 卷积 + 两个 1×1 卷积，最后全局平均池化
    n = Net()
    for i, (c, k, s, p) in enumerate(NIN):
        n.conv(c, k, s, p).conv(c, 1).conv(c, 1)
        if i < 3:
            n.pool(3, 2)
    return n


def googlenet():        # Szegedy 等 2014，表 1（不含两个辅助分类器）；每行是一个 Inception 块的六个通道数
    n = Net().conv(64, 7, 2).pool(3, 2, 1).conv(64, 1).conv(192, 3).pool(3, 2, 1)
    for c1, r3, c3, r5, c5, cp, *pool in GOOGLENET:  # 四条并行路径：1×1；1×1→3×3；1×1→5×5；3×3 池化→1×1
        n.merge(n.branch().conv(c1, 1), n.branch().conv(r3, 1).conv(c3, 3), n.branch().conv(r5, 1).conv(c5, 5),
                n.branch().pool(3, 1, 1).conv(cp, 1), channels=c1 + c3 + c5 + cp)
        if pool:                                # 块后接 3×3 最大池化，步幅 2
            n.pool(3, 2, 1)
    return n.fc(1000, n.c)                      # 7×7 全局平均池化之后


def resnet(depth):      # He 等 2015，表 1：18 层用基本块（两个 3×3），50 层用瓶颈块（1×1→3×3→1×1，4 倍扩展）
    blocks, bottleneck = RESNET[depth]
    n = Net().conv(64, 7, 2, bias=False, bn=True).pool(3, 2, 1)
    for stage, reps in enumerate(blocks):
        width = 64 * 2 ** stage
        out = width * 4 if bottleneck else width
        for i in range(reps):
            s = 2 if stage and i == 0 else 1                      # 每组第一个块（第一组除外）步幅 2
            body = n.branch()
            for c, k, stride in [(width, 1, 1), (width, 3, s), (out, 1, 1)] if bottleneck else [(width, 3, s), (width, 3, 1)]:
                body.conv(c, k, stride, bias=False, bn=True)
            paths = [body] + ([n.branch().conv(out, 1, s, 0, bias=False, bn=True)] if s != 1 or n.c != out else [])
            n.merge(*paths, channels=out)                          # 形状改变时第二条路径是 1×1 投影捷径
    return n.fc(1000, n.c)


def densenet121():      # Huang 等 2016：稠密块里每层输入是之前所有层输出的拼接；过渡层 1×1 卷积减半通道
    layers, growth = DENSENET121
    n = Net().conv(64, 7, 2, bias=False, bn=True).pool(3, 2, 1)
    for i, reps in enumerate(layers):
        for _ in range(reps):                                     # 每层 BN-ReLU-1×1 卷积-BN-ReLU-3×3 卷积
            layer = n.branch()
            layer.params += 2 * layer.c                               # 层前的批量归一化（对输入的全部通道）
            layer.conv(4 * growth, 1, bias=False, bn=True).conv(growth, 3, bias=False)
            n.merge(layer, channels=n.c + growth)
        n.params += 2 * n.c
        if i < 3:
            n.conv(n.c // 2, 1, bias=False).pool(2, 2)
    return n.fc(1000, n.c)


NETS = {"AlexNet (2012)": alexnet, "VGG-16 (2014)": vgg16, "NiN (2013)": nin, "GoogLeNet (2014)": googlenet,
        "ResNet-18 (2015)": lambda: resnet(18), "ResNet-50 (2015)": lambda: resnet(50),
        "DenseNet-121 (2016)": densenet121}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    nets = {name: f() for name, f in NETS.items()}
    print(f"{'网络':<20}{'参数（百万）':>10}{'乘加（十亿次）':>12}")
    for name, n in nets.items():
        print(f"{name:<20}{n.params / 1e6:>14.2f}{n.macs / 1e9:>16.2f}")
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), layout="constrained", sharey=True)
    names = list(nets)[::-1]                      # barh 从下往上画：倒过来，表与图的顺序相同
    for ax, key, unit, color, xlabel, title in [(axes[0], "params", 1e6, "tab:blue", "参数（百万）", "参数个数"),
                                                (axes[1], "macs", 1e9, "tab:orange", "乘加（十亿次）", "每张图片的乘加次数")]:
        ax.barh(names, [getattr(nets[k], key) / unit for k in names], color=color)
        ax.set(xlabel=xlabel, title=title)
    plt.show()


if __name__ == "__main__":
    main()
