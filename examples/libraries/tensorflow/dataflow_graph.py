# env: main
"""数据流图：节点是运算，边是在运算之间流动的张量。

``tf.function`` 把 Python 函数追踪（trace）成一张 ``tf.Graph``；
``get_concrete_function`` 按给定的输入签名取出这张图，``graph.get_operations()``
列出其中的节点。输入在图里是 Placeholder 节点，返回值前面有一个 Identity 节点。
示例打印每个节点的输入输出张量，并把整张图画出来。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

from mmdl.cli import nonnegative_int


@tf.function
def dense_sigmoid(x, w, b):
    """一个全连接层：sigmoid(x·w + b)。"""
    return tf.sigmoid(tf.matmul(x, w) + b)


def traced_graph():
    """按输入签名追踪 dense_sigmoid，返回它的 tf.Graph。"""
    concrete = dense_sigmoid.get_concrete_function(
        tf.TensorSpec([None, 3], tf.float32, name="x"),
        tf.TensorSpec([3, 2], tf.float32, name="w"),
        tf.TensorSpec([2], tf.float32, name="b"))
    return concrete.graph


def graph_edges(graph):
    """边列表 (生产者节点, 消费者节点, 张量)：每条边就是一个张量。"""
    return [(t.op.name, op.name, t) for op in graph.get_operations() for t in op.inputs]


def draw(graph, edges):
    ops = graph.get_operations()
    depth = {}
    for op in ops:                           # get_operations() 已按拓扑顺序排列
        depth[op.name] = max([depth[t.op.name] + 1 for t in op.inputs], default=0)
    for src, dst, _ in edges:                # 输入节点挪到紧挨着使用它的运算之前
        if not graph.get_operation_by_name(src).inputs:
            depth[src] = depth[dst] - 1
    rows, pos = {}, {}
    for op in sorted(ops, key=lambda o: not o.inputs):   # 先排运算链，输入节点排在下面
        d = depth[op.name]
        pos[op.name] = (d, -rows.get(d, 0))
        rows[d] = rows.get(d, 0) + 1
    fig, ax = plt.subplots(figsize=(9, 2.6))
    for src, dst, tensor in edges:
        (x0, y0), (x1, y1) = pos[src], pos[dst]
        ax.annotate("", xy=(x1 - 0.25, y1), xytext=(x0 + 0.25, y0),
                    arrowprops=dict(arrowstyle="->", color="tab:blue"))
        label = f"{tensor.name}\n{tensor.shape}"
        if y0 == y1:                         # 水平的边：标签写在箭头上方
            ax.text((x0 + x1) / 2, y0 + 0.08, label, ha="center", va="bottom",
                    fontsize=8, color="tab:blue")
        else:                                # 斜的边：标签写在箭头左侧
            ax.text((x0 + x1) / 2 - 0.08, (y0 + y1) / 2, label, ha="right", va="center",
                    fontsize=8, color="tab:blue")
    for op in ops:
        x, y = pos[op.name]
        ax.text(x, y, f"{op.name}\n[{op.type}]", ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="round", facecolor="lightyellow", edgecolor="gray"))
    ax.set_xlim(-0.5, max(depth.values()) + 0.5)
    ax.set_ylim(-1.3, 0.5)
    ax.axis("off")
    ax.set_title("sigmoid(x·w + b) 的数据流图：方框是运算节点，箭头是张量")
    fig.tight_layout()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    graph = traced_graph()
    for op in graph.get_operations():
        inputs = ", ".join(t.name for t in op.inputs) or "无"
        outputs = ", ".join(f"{t.name} {t.shape}" for t in op.outputs)
        print(f"节点 {op.name:8s} 类型 {op.type:11s} 输入 {inputs:12s} 输出 {outputs}")
    edges = graph_edges(graph)
    print(f"节点数: {len(graph.get_operations())}")
    print(f"边数: {len(edges)}")

    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(4, 3)).astype(np.float32)
    w = rng.normal(size=(3, 2)).astype(np.float32)
    b = rng.normal(size=2).astype(np.float32)
    graph_out = dense_sigmoid(x, w, b).numpy()
    eager_out = dense_sigmoid.python_function(x, w, b).numpy()   # 不经过图，逐个运算执行
    print(f"图执行与即时执行的最大差异: {np.abs(graph_out - eager_out).max():.1e}")
    # 关闭 Grappler（对此后执行的图生效），重新追踪同一个函数：运算与即时执行逐个相同
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
    plain_out = tf.function(dense_sigmoid.python_function)(x, w, b).numpy()
    print(f"关闭图优化后，图执行与即时执行的最大差异: {np.abs(plain_out - eager_out).max():.1e}")

    draw(graph, edges)
    plt.show()


if __name__ == "__main__":
    main()
