# env: main
"""tf.function 的追踪（tracing）：什么时候生成新图，Python 代码什么时候执行。

第一次调用时 TensorFlow 运行 Python 函数体，把其中的 TF 运算记录成图；之后同样
类型的输入直接复用这张图，Python 语句（如 print、计数器）不再执行。输入的 dtype
或形状变了、或者传入不同的 Python 数值，都会重新追踪。AutoGraph 把依赖张量的
``for``/``if`` 改写成图里的 ``tf.while_loop``/``tf.cond``。
"""
import argparse

import numpy as np
import tensorflow as tf

from mmdl.cli import positive_int

TRACES = []                                  # 只在追踪时被 Python 追加


@tf.function
def power_sum(x, k):
    """Σ x_i^k，k 可以是 Python 整数或张量。"""
    TRACES.append((x.dtype.name, tuple(x.shape), k if isinstance(k, int) else "张量"))
    return tf.reduce_sum(x ** k)


def collatz_steps_eager(n):
    """考拉兹序列到达 1 的步数（普通 Python 循环，逐步执行）。"""
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@tf.function
def collatz_steps(n):
    """同一段代码放进 tf.function：AutoGraph 把 while/if 转成图中的控制流。"""
    steps = tf.constant(0)
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=positive_int, default=27, help="考拉兹序列的起点")
    args = parser.parse_args(argv)

    calls = [
        ("float32 形状 (3,)，k=2", tf.constant([1.0, 2.0, 3.0]), 2),
        ("float32 形状 (3,)，换了数值，k=2", tf.constant([4.0, 5.0, 6.0]), 2),
        ("float32 形状 (4,)，k=2", tf.constant([1.0, 2.0, 3.0, 4.0]), 2),
        ("float64 形状 (3,)，k=2", tf.constant([1.0, 2.0, 3.0], tf.float64), 2),
        ("float32 形状 (3,)，Python 整数 k=3", tf.constant([1.0, 2.0, 3.0]), 3),
        ("float32 形状 (3,)，张量 k=3", tf.constant([1.0, 2.0, 3.0]), tf.constant(3.0)),
        ("float32 形状 (3,)，张量 k=4", tf.constant([1.0, 2.0, 3.0]), tf.constant(4.0)),
    ]
    for label, x, k in calls:
        before = len(TRACES)
        value = power_sum(x, k).numpy()
        status = "重新追踪" if len(TRACES) > before else "复用已有的图"
        print(f"{label}: 结果 {value:g}，{status}")
    print(f"追踪次数: {power_sum.experimental_get_tracing_count()}")

    x = tf.constant(np.linspace(0.5, 2.0, 7), tf.float32)
    graph_value = power_sum(x, tf.constant(3.0)).numpy()
    eager_value = power_sum.python_function(x, tf.constant(3.0)).numpy()
    print(f"图执行与即时执行之差: {abs(graph_value - eager_value):.1e}")

    print(f"考拉兹步数（Python）: {collatz_steps_eager(args.n)}")
    print(f"考拉兹步数（tf.function）: {collatz_steps(tf.constant(args.n)).numpy()}")
    graph = collatz_steps.get_concrete_function(tf.TensorSpec([], tf.int32)).graph
    control = {"While", "StatelessWhile", "If", "StatelessIf"}
    outer = sorted({op.type for op in graph.get_operations()} & control)
    print(f"图中的控制流节点: {', '.join(outer)}")
    inner = sorted({node.op for f in graph.as_graph_def().library.function
                    for node in f.node_def} & control)
    print(f"循环体子图中的控制流节点: {', '.join(inner)}")

if __name__ == "__main__":
    main()
