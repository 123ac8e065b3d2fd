# env: main
"""tf.data 输入管道：from_tensor_slices → map → shuffle → batch → prefetch。

数据集是惰性的：链式调用只是描述管道，迭代时才逐批产生数据。``shuffle`` 用一个
大小为 buffer_size 的缓冲区随机抽样（缓冲区不小于数据量时才是完全打乱），默认
每轮重新打乱；``batch`` 把 N 个样本切成 ⌈N/B⌉ 批，最后一批有 N − (⌈N/B⌉ − 1)·B 个；
``prefetch`` 让下一批的准备与当前批的计算重叠。
"""
import argparse
import math

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

from mmdl.cli import nonnegative_int, positive_int


def normalize(image, label):
    return tf.cast(image, tf.float32) / 16.0, label


def make_pipeline(x, y, batch_size, seed):
    """样本带上序号，方便检查一轮里每个样本是否恰好出现一次。"""
    ids = np.arange(len(x))
    ds = tf.data.Dataset.from_tensor_slices(((x, y), ids))
    ds = ds.map(lambda xy, i: (normalize(*xy), i), num_parallel_calls=tf.data.AUTOTUNE)
    ds = ds.shuffle(buffer_size=len(x), seed=seed, reshuffle_each_iteration=True)
    ds = ds.batch(batch_size)
    return ds.prefetch(tf.data.AUTOTUNE)


def epoch_ids(ds):
    """遍历一轮，返回样本序号（按产生顺序）与每批的大小。"""
    ids, sizes = [], []
    for (_, _), batch_ids in ds:
        ids.extend(batch_ids.numpy().tolist())
        sizes.append(len(batch_ids))
    return ids, sizes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=positive_int, default=64, help="批量大小")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)

    digits = load_digits()
    x, y = digits.data.astype(np.uint8), digits.target.astype(np.int32)
    n, b = len(x), args.batch_size
    ds = make_pipeline(x, y, b, args.seed)
    print(f"样本数 N: {n}")
    print(f"元素规格: {ds.element_spec}")
    print(f"批数（cardinality）: {int(ds.cardinality())}")
    print(f"公式 ⌈N/B⌉: {math.ceil(n / b)}")

    (images, labels), _ = next(iter(ds))
    print(f"第一批图像形状: {tuple(images.shape)}，dtype {images.dtype.name}")
    print(f"第一批像素范围: [{images.numpy().min():.1f}, {images.numpy().max():.1f}]")
    print(f"第一批前 10 个标签: {labels.numpy()[:10].tolist()}")

    first, sizes = epoch_ids(ds)
    second, _ = epoch_ids(ds)
    print(f"最后一批大小: {sizes[-1]}")
    print(f"公式 N − (⌈N/B⌉ − 1)·B: {n - (math.ceil(n / b) - 1) * b}")
    print(f"一轮中每个样本恰好出现一次: {sorted(first) == list(range(n))}")
    print(f"第一轮前 8 个序号: {first[:8]}")
    print(f"第二轮前 8 个序号: {second[:8]}")
    print(f"两轮顺序不同: {first != second}")


if __name__ == "__main__":
    main()
