# env: main
"""检查 TensorFlow 安装：版本、能看到哪些设备、一次小计算在哪个设备上执行。

``tf.config.list_physical_devices`` 列出 TensorFlow 运行时发现的物理设备；
没有可用 GPU（或装的是 tensorflow-cpu）时 GPU 列表为空，计算全部放在 CPU 上。
本站的构建与测试都在纯 CPU 上运行。
"""
import argparse

import keras
import tensorflow as tf

from mmdl.cli import positive_int


def device_summary():
    """返回 {设备类型: 个数}。"""
    counts = {}
    for device in tf.config.list_physical_devices():
        counts[device.device_type] = counts.get(device.device_type, 0) + 1
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=positive_int, default=1000, help="测试矩阵的边长")
    args = parser.parse_args(argv)

    print(f"TensorFlow 版本: {tf.__version__}")
    print(f"Keras 版本: {keras.__version__}")
    print(f"编译时启用 CUDA: {tf.test.is_built_with_cuda()}")
    for device in tf.config.list_physical_devices():
        print(f"物理设备: {device.name}（类型 {device.device_type}）")
    counts = device_summary()
    print(f"CPU 数量: {counts.get('CPU', 0)}")
    print(f"GPU 数量: {counts.get('GPU', 0)}")

    x = tf.ones((args.size, args.size))
    total = tf.reduce_sum(x)
    print(f"计算所在设备: {total.device}")
    print(f"全 1 矩阵元素之和: {total.numpy():.0f}")


if __name__ == "__main__":
    main()
