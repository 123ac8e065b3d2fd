"""示例共用的数据集：内置的 digits 与真实的 Fashion-MNIST。

- ``load_digits_split``：scikit-learn 自带的手写数字（8×8 灰度图，1797 张），不需要联网，
  是各章示例的默认数据。
- ``load_fashion_mnist``：读取官方发布的四个 IDX gz 文件。先核对文件大小、SHA-256 与 MD5，
  再严格解析 IDX 格式（魔数、数据类型码、维数、维度乘积与数据长度一致、大小上限）。
  任何问题都抛出同一个异常 ``DatasetError``，消息是给读者看的中文说明。

本模块同时被主环境（NumPy 2.x）与 MXNet 环境（NumPy 1.23）导入，只用两者共有的 API；
scikit-learn 在函数内部才导入。
"""
import gzip
import hashlib
import io
import math
import os
import struct
import zlib
from collections import namedtuple

import numpy as np

DATASETS = ("digits", "fashion-mnist")
DATA_DIR_ENV = "MMDL_DATA_DIR"
FASHION_MNIST_HOME = "https://github.com/zalandoresearch/fashion-mnist"
FASHION_MNIST_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"
FASHION_MNIST_CLASSES = ("T恤/上衣", "裤子", "套头衫", "连衣裙", "外套",
                         "凉鞋", "衬衫", "运动鞋", "包", "短靴")

Checksum = namedtuple("Checksum", "size sha256 md5")

# 大小与 SHA-256 取自 TensorFlow Datasets 的 url_checksums/fashion_mnist.txt，
# MD5 取自 Fashion-MNIST 官方 README 的下载表格；两个来源独立，都要对上。
FASHION_MNIST_CHECKSUMS = {
    "train-images-idx3-ubyte.gz": Checksum(
        26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
    "train-labels-idx1-ubyte.gz": Checksum(
        29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        "25c81989df183df01b3e8a0aad5dffbe"),
    "t10k-images-idx3-ubyte.gz": Checksum(
        4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        "bef4ecab320f06d8554ea6380940ec79"),
    "t10k-labels-idx1-ubyte.gz": Checksum(
        5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
        "bb300cfdad3c16e7a12a480ee83cd310"),
}

# IDX 第三个魔数字节 → 数据类型（全部大端）。
IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
# 解压后单个 IDX 数据块的上限。训练集图片是 60000×28×28 = 47 040 000 字节，
# 头部声明的数据量超过上限就拒绝，不分配内存。
MAX_IDX_BYTES = 64 * 2**20


class DatasetError(Exception):
    """数据集无法使用：文件缺失、校验失败或格式错误。消息说明原因与解决办法。"""


# ---------------------------------------------------------------- digits

def load_digits_split(test_size=0.25, seed=0, scale="standard"):
    """digits 按类别分层划分为训练集与测试集，返回 ``X_train, X_test, y_train, y_test``。

    ``scale="standard"``：用训练集的均值与标准差标准化（标准差为 0 的像素只减均值）；
    ``scale="unit"``：除以 16，像素落在 [0, 1]，可以直接画成图片。X 是 float64，y 是 int64。
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    if scale not in ("standard", "unit"):
        raise ValueError(f"scale 只能是 'standard' 或 'unit'，收到 {scale!r}")
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float64), y.astype(np.int64),
        test_size=test_size, random_state=seed, stratify=y)
    if scale == "unit":
        return X_train / 16.0, X_test / 16.0, y_train, y_test
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def one_hot(y, num_classes=None):
    """整数标签 → 独热矩阵（float64，形状 ``(len(y), num_classes)``）。"""
    y = np.asarray(y, dtype=np.int64)
    if num_classes is None:
        num_classes = int(y.max()) + 1
    out = np.zeros((y.shape[0], num_classes))
    out[np.arange(y.shape[0]), y] = 1.0
    return out


# ---------------------------------------------------------------- IDX 解析

def _read_exact(stream, n, name, what):
    data = stream.read(n)
    if len(data) != n:
        raise DatasetError(f"{name}：文件被截断，{what}应有 {n} 字节，只有 {len(data)} 字节。")
    return data


def read_idx(stream, name="IDX 数据", max_bytes=MAX_IDX_BYTES):
    """从二进制流（有 ``read(n)`` 方法）严格解析一个 IDX 数据块，返回本机字节序的数组。

    格式：两个 0 字节、数据类型码、维数 n；n 个大端 uint32 维度；然后是恰好
    “维度乘积 × 元素字节数”的数据，不多也不少。
    """
    head = _read_exact(stream, 4, name, "魔数")
    if head[0] != 0 or head[1] != 0:
        raise DatasetError(f"{name}：不是 IDX 文件（魔数应以 00 00 开头，实际是 {head.hex()}）。")
    code, ndim = head[2], head[3]
    if code not in IDX_DTYPES:
        raise DatasetError(f"{name}：未知的 IDX 数据类型码 0x{code:02x}。")
    if ndim == 0:
        raise DatasetError(f"{name}：IDX 头部声明的维数为 0。")
    dims = struct.unpack(f">{ndim}I", _read_exact(stream, 4 * ndim, name, "维度表"))
    dtype = np.dtype(IDX_DTYPES[code])
    nbytes = math.prod(dims) * dtype.itemsize   # Python 整数，不会溢出
    if nbytes > max_bytes:
        raise DatasetError(f"{name}：头部声明形状 {dims}，共 {nbytes} 字节，"
                           f"超过上限 {max_bytes} 字节，拒绝读取。")
    payload = stream.read(nbytes + 1)           # 多读一个字节，用来发现多余的数据
    if len(payload) < nbytes:
        raise DatasetError(f"{name}：文件被截断，形状 {dims} 需要 {nbytes} 字节数据，"
                           f"只有 {len(payload)} 字节。")
    if len(payload) > nbytes:
        raise DatasetError(f"{name}：数据比头部声明的形状 {dims} 更长，文件格式不对。")
    array = np.frombuffer(payload, dtype=dtype).reshape(dims)
    return array.astype(dtype.newbyteorder("="))


def parse_idx_bytes(data, name="IDX 数据", max_bytes=MAX_IDX_BYTES):
    """解析已解压的 IDX 字节串。"""
    return read_idx(io.BytesIO(data), name, max_bytes)


def read_idx_gz(path, max_bytes=MAX_IDX_BYTES):
    """解压并解析一个 ``.gz`` 压缩的 IDX 文件；gzip 层的损坏也报告为 DatasetError。"""
    name = os.path.basename(path)
    try:
        with gzip.open(path, "rb") as stream:
            return read_idx(stream, name, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:   # BadGzipFile 是 OSError 的子类
        raise DatasetError(f"{name}：无法读取，或不是完整有效的 gzip 文件（{exc}）。"
                           "请删除它并重新下载。") from None


# ---------------------------------------------------------------- Fashion-MNIST

def how_to_get_fashion_mnist():
    """缺少文件时给读者的获取说明。"""
    names = "\n".join(f"    {name}" for name in FASHION_MNIST_CHECKSUMS)
    return (f"获取方法：从 {FASHION_MNIST_HOME} 的 “Get the Data” 一节（或 {FASHION_MNIST_URL}）"
            f"下载下面四个文件，不要解压，放进同一个目录：\n{names}\n"
            f"然后用 --data-dir 目录 或环境变量 {DATA_DIR_ENV}=目录 指定它。")


def resolve_data_dir(data_dir=None):
    """数据目录：参数优先，其次是环境变量 MMDL_DATA_DIR；都没有或目录不存在就报错。"""
    if not data_dir:
        data_dir = os.environ.get(DATA_DIR_ENV, "")
    if not data_dir:
        raise DatasetError("没有指定 Fashion-MNIST 数据目录。\n" + how_to_get_fashion_mnist())
    if not os.path.isdir(data_dir):
        raise DatasetError(f"Fashion-MNIST 数据目录 {data_dir} 不存在。\n"
                           + how_to_get_fashion_mnist())
    return data_dir


def file_checksum(path):
    """计算文件的大小、SHA-256 与 MD5（分块读取）。"""
    sha256, md5, size = hashlib.sha256(), hashlib.md5(), 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            sha256.update(chunk)
            md5.update(chunk)
            size += len(chunk)
    return Checksum(size, sha256.hexdigest(), md5.hexdigest())


def verify_file(path, expected):
    """核对大小、SHA-256 与 MD5，任何一项不符都抛出 DatasetError。"""
    try:
        actual = file_checksum(path)
    except OSError as exc:
        raise DatasetError(f"{os.path.basename(path)}：无法读取（{exc}）。") from None
    for field, label in (("size", "大小"), ("sha256", "SHA-256"), ("md5", "MD5")):
        if getattr(actual, field) != getattr(expected, field):
            raise DatasetError(
                f"{os.path.basename(path)}：{label}校验失败，应为 {getattr(expected, field)}，"
                f"实际是 {getattr(actual, field)}。文件损坏、不完整或不是官方版本，"
                f"请删除后重新下载（{FASHION_MNIST_HOME}）。")


def load_fashion_mnist(data_dir=None, checksums=None, max_bytes=MAX_IDX_BYTES):
    """读取 Fashion-MNIST，返回 ``X_train, X_test, y_train, y_test``。

    X 是展平的 float32 数组（每行 784 个像素，缩放到 [0, 1]），y 是 int64 标签（0–9）。
    ``checksums`` 默认是官方校验值表；测试为自己生成的小文件传入它们自己的表。
    """
    data_dir = resolve_data_dir(data_dir)
    table = FASHION_MNIST_CHECKSUMS if checksums is None else checksums
    missing = [n for n in FASHION_MNIST_CHECKSUMS
               if not os.path.isfile(os.path.join(data_dir, n))]
    if missing:
        raise DatasetError(f"目录 {data_dir} 里缺少 Fashion-MNIST 文件：{', '.join(missing)}。\n"
                           + how_to_get_fashion_mnist())
    arrays = {}
    for name in FASHION_MNIST_CHECKSUMS:
        path = os.path.join(data_dir, name)
        verify_file(path, table[name])
        arrays[name] = read_idx_gz(path, max_bytes)
    splits = []
    for prefix in ("train", "t10k"):
        images = arrays[f"{prefix}-images-idx3-ubyte.gz"]
        labels = arrays[f"{prefix}-labels-idx1-ubyte.gz"]
        if images.dtype != np.uint8 or images.ndim != 3 or images.shape[1:] != (28, 28):
            raise DatasetError(f"{prefix}-images：应为 uint8、形状 (N, 28, 28)，"
                               f"实际是 {images.dtype}、{images.shape}。")
        if labels.dtype != np.uint8 or labels.ndim != 1 or len(labels) != len(images):
            raise DatasetError(f"{prefix}-labels：应为 {len(images)} 个 uint8 标签，"
                               f"实际是 {labels.dtype}、{labels.shape}。")
        if labels.size and labels.max() > 9:
            raise DatasetError(f"{prefix}-labels：标签应在 0–9 之间，出现了 {labels.max()}。")
        splits.append((images.reshape(len(images), -1).astype(np.float32) / 255.0,
                       labels.astype(np.int64)))
    (X_train, y_train), (X_test, y_test) = splits
    return X_train, X_test, y_train, y_test


def load_dataset(name, data_dir=None, seed=0):
    """按名字加载：``digits``（标准化）或 ``fashion-mnist``（官方划分）。"""
    if name == "digits":
        return load_digits_split(seed=seed)
    if name == "fashion-mnist":
        return load_fashion_mnist(data_dir)
    raise DatasetError(f"未知的数据集 {name!r}，可选：{', '.join(DATASETS)}。")
