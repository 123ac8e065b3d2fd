"""示例共用的 argparse 参数类型：非法值给出一行清楚的中文提示，退出码 2。

用法::

    parser.add_argument("--epochs", type=positive_int, default=10)

argparse 捕获这里抛出的 ``ArgumentTypeError``，打印 ``error: argument --epochs: ...``
并以退出码 2 结束，不会出现 traceback。
"""
import argparse


def _number(text, kind):
    try:
        return kind(text)
    except ValueError:
        name = "整数" if kind is int else "数"
        raise argparse.ArgumentTypeError(f"需要一个{name}，收到 {text!r}") from None


def positive_int(text):
    """大于 0 的整数（轮数、批量大小、样本数……）。"""
    value = _number(text, int)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"必须是正整数，收到 {value}")
    return value


def nonnegative_int(text):
    """大于等于 0 的整数（随机种子等）。"""
    value = _number(text, int)
    if value < 0:
        raise argparse.ArgumentTypeError(f"必须是非负整数，收到 {value}")
    return value


def positive_float(text):
    """大于 0 的有限实数（学习率、正则化强度……）。"""
    value = _number(text, float)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"必须是正的有限实数，收到 {text}")
    return value


def nonnegative_float(text):
    """大于等于 0 的有限实数（权重衰减系数等）。"""
    value = _number(text, float)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"必须是非负的有限实数，收到 {text}")
    return value


def probability(text):
    """0 到 1 之间（不含 1）的实数（丢弃率、测试集比例……）。"""
    value = _number(text, float)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"必须在 [0, 1) 之间，收到 {text}")
    return value
