"""数据集模块：digits 划分、IDX 严格解析（含 hypothesis 模糊测试）、Fashion-MNIST 的校验与报错。

所有 IDX 文件都在 tmp_path 里现场生成；真实的 Fashion-MNIST 不需要，也不会下载。
"""
import gzip
import struct
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from mmdl import data
from support import load_example, metric, run_example, run_example_raw

# hypothesis 默认把缓存写进当前目录的 .hypothesis/（收集测试之后、运行之前就写）；
# 在导入本模块时改到临时目录，测试不在仓库里留下文件。
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "mmdl-hypothesis")

CHOOSE = "basics/datasets/choose_dataset.py"
FUZZ = settings(max_examples=300, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def idx_bytes(array, code=0x08):
    """按 IDX 格式编码一个数组（大端）。"""
    dtype = np.dtype(data.IDX_DTYPES[code])
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + np.asarray(array).astype(dtype).tobytes()


def write_fashion(directory, n_train=40, n_test=20, seed=0, labels_max=9):
    """生成一套格式正确的小 Fashion-MNIST（四个 .gz 文件），返回数组与校验值表。"""
    rng = np.random.default_rng(seed)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": rng.integers(0, labels_max + 1, n_train, dtype=np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, labels_max + 1, n_test, dtype=np.uint8),
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        (directory / name).write_bytes(gzip.compress(idx_bytes(array), mtime=0))
    table = {name: data.file_checksum(directory / name) for name in arrays}
    return arrays, table


# ------------------------------------------------------------------ digits

def test_digits_split_shapes_and_standardization():
    """digits 划分的形状与类型正确，分层抽样保持各类比例，训练集标准化后每个特征的均值为 0。"""
    X_train, X_test, y_train, y_test = data.load_digits_split(test_size=0.25, seed=0)
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert X_train.dtype == np.float64 and y_train.dtype == np.int64
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-12)
    std = X_train.std(axis=0)
    constant = std < 1e-12                       # 训练集里恒为 0 的像素只减均值
    np.testing.assert_allclose(std[~constant], 1, rtol=1e-12)
    assert set(np.unique(y_train)) == set(range(10))
    # 分层划分：各类比例与全体相同（每类 ±2 个样本）
    counts = np.bincount(y_test, minlength=10)
    assert counts.min() >= 43 and counts.max() <= 47


def test_digits_unit_scale_and_one_hot():
    """``scale="unit"`` 时像素落在 [0, 1]；独热编码的每一行恰好有一个 1。"""
    X_train, _, y_train, _ = data.load_digits_split(scale="unit")
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    Y = data.one_hot(y_train, 10)
    assert Y.shape == (len(y_train), 10)
    np.testing.assert_array_equal(Y.sum(axis=1), 1)
    np.testing.assert_array_equal(Y.argmax(axis=1), y_train)
    with pytest.raises(ValueError):
        data.load_digits_split(scale="minmax")


def test_digits_example_output():
    """示例打印的样本数、特征数、类别数和标准化后的均值与数据一致。"""
    out = run_example("basics/datasets/digits_samples.py")
    assert metric(out, "训练样本数") == 1347
    assert metric(out, "测试样本数") == 450
    assert metric(out, "特征数") == 64
    assert metric(out, "类别数") == 10
    assert metric(out, "像素最大值") == 1.0
    assert metric(out, "标准化后训练集特征均值的最大绝对值") == 0.0
    assert metric(out, "标准化后测试集特征均值的最大绝对值") > 0.01


def test_choose_dataset_default_is_digits():
    """换数据集的示例默认使用 digits，不需要下载，测试准确率不低于 93%。"""
    out = run_example(CHOOSE)
    assert "数据集: digits" in out
    assert metric(out, "训练样本数") == 1347
    assert metric(out, "测试准确率") >= 0.93


# ------------------------------------------------------------------ IDX 解析：确定的例子

@pytest.mark.parametrize("code", sorted(data.IDX_DTYPES))
def test_idx_round_trip_every_dtype(code):
    """每种 IDX 数据类型写出再读回，形状、类型和数值都不变。"""
    rng = np.random.default_rng(code)
    array = rng.integers(-100, 100, (3, 4, 5)) if code != 0x08 else rng.integers(0, 256, (3, 4, 5))
    parsed = data.parse_idx_bytes(idx_bytes(array, code))
    assert parsed.shape == (3, 4, 5)
    assert parsed.dtype == np.dtype(data.IDX_DTYPES[code]).newbyteorder("=")
    np.testing.assert_array_equal(parsed, array)


def test_idx_gz_round_trip(tmp_path):
    """gzip 压缩的 IDX 文件写出再读回，数值不变。"""
    array = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    path = tmp_path / "x.gz"
    path.write_bytes(gzip.compress(idx_bytes(array)))
    np.testing.assert_array_equal(data.read_idx_gz(str(path)), array)


@pytest.mark.parametrize("raw, message", [
    (b"", "截断"),
    (b"\x00\x00\x08", "截断"),
    (b"\x00\x00\x08\x03" + struct.pack(">2I", 2, 2), "截断"),                      # 维度表不完整
    (b"\x00\x00\x08\x01" + struct.pack(">I", 5) + b"abcd", "截断"),                # 数据少 1 字节
    (b"\x00\x00\x08\x01" + struct.pack(">I", 3) + b"abcd", "更长"),                # 数据多 1 字节
    (b"\x08\x03\x00\x00" + bytes(12), "不是 IDX 文件"),                            # 魔数错位
    (b"PK\x03\x04" + bytes(12), "不是 IDX 文件"),                                  # 其他格式
    (b"\x00\x00\x0a\x01" + struct.pack(">I", 1) + b"a", "数据类型码 0x0a"),
    (b"\x00\x00\x08\x00", "维数为 0"),
    (b"\x00\x00\x08\x03" + struct.pack(">3I", 60000, 60000, 60000), "超过上限"),    # 头部声明 200 TB
    (b"\x00\x00\x0e\x01" + struct.pack(">I", 2**32 - 1), "超过上限"),
])
def test_idx_rejects_bad_input_with_clear_message(raw, message):
    """各种损坏的 IDX 文件都被拒绝，消息指明是哪个文件、出了什么问题。"""
    with pytest.raises(data.DatasetError, match=message):
        data.parse_idx_bytes(raw, name="样例.idx")
    try:
        data.parse_idx_bytes(raw, name="样例.idx")
    except data.DatasetError as exc:
        assert str(exc).startswith("样例.idx：")          # 消息指明是哪个文件


def test_truncated_and_garbage_gzip(tmp_path):
    """截断的 gzip 文件和根本不是 gzip 的文件都得到清楚的 ``DatasetError``。"""
    good = gzip.compress(idx_bytes(np.zeros((4, 28, 28), dtype=np.uint8)))
    path = tmp_path / "bad.gz"
    for blob, message in [(good[:len(good) // 2], "gzip"), (b"not a gzip file", "gzip"),
                          (good[:10], "gzip")]:
        path.write_bytes(blob)
        with pytest.raises(data.DatasetError, match=message):
            data.read_idx_gz(str(path))


def test_oversized_header_allocates_nothing(tmp_path):
    """gzip 层的 read(n) 会预先分配 n 字节：上限检查必须在读数据之前。"""
    path = tmp_path / "huge.gz"
    path.write_bytes(gzip.compress(b"\x00\x00\x08\x03" + struct.pack(">3I", 60000, 1000, 1000)))
    tracemalloc.start()
    try:
        with pytest.raises(data.DatasetError, match="超过上限"):
            data.read_idx_gz(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20


def test_gzip_bomb_is_not_decompressed(tmp_path):
    """头部只声明 1 字节，后面跟着 30 MB 的零：只解压到发现多余数据为止。"""
    path = tmp_path / "bomb.gz"
    with gzip.open(path, "wb") as f:
        f.write(b"\x00\x00\x08\x01" + struct.pack(">I", 1) + b"\x07")
        for _ in range(30):
            f.write(bytes(2**20))
    tracemalloc.start()
    try:
        with pytest.raises(data.DatasetError, match="更长"):
            data.read_idx_gz(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20


# ------------------------------------------------------------------ IDX 解析：模糊测试

CAP = 2**20          # 模糊测试用 1 MiB 的上限，任何明显超出的分配都说明上限没起作用
MEMORY_LIMIT = 3 * CAP


def parse_bounded(raw):
    """解析并测量峰值内存；只允许两种结果：数组，或 DatasetError。"""
    tracemalloc.start()
    try:
        try:
            result = data.parse_idx_bytes(raw, max_bytes=CAP)
        except data.DatasetError as exc:
            assert str(exc), "DatasetError 必须带说明"
            result = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT + 2 * len(raw), f"峰值内存 {peak} 字节"
    return result


def check_consistent(result, raw):
    """解析成功时，形状、类型与字节数必须和头部完全一致。"""
    if isinstance(result, data.DatasetError):
        return
    code, ndim = raw[2], raw[3]
    dims = struct.unpack(f">{ndim}I", raw[4:4 + 4 * ndim])
    assert result.shape == dims
    assert result.dtype.itemsize == np.dtype(data.IDX_DTYPES[code]).itemsize
    assert len(raw) == 4 + 4 * ndim + result.nbytes


@FUZZ
@given(st.binary(max_size=128))
def test_fuzz_random_bytes(raw):
    """随机字节当作 IDX 文件解析：结果只能是正确解析的数组或 ``DatasetError``，峰值内存不超过上限附近。"""
    check_consistent(parse_bounded(raw), raw)


@FUZZ
@given(code=st.integers(0, 255), dims=st.lists(st.integers(0, 2**32 - 1), max_size=6),
       payload=st.binary(max_size=256), prefix=st.sampled_from([b"\x00\x00", b"\x00\x01", b"\xff\x00"]))
def test_fuzz_random_headers(code, dims, payload, prefix):
    """随机的头部（包括声称 2³²−1 大小的维度）：只会得到 ``DatasetError``，不会按声称的大小分配内存。"""
    raw = prefix + bytes([code, len(dims)]) + struct.pack(f">{len(dims)}I", *dims) + payload
    result = parse_bounded(raw)
    check_consistent(result, raw)
    if prefix != b"\x00\x00" or code not in data.IDX_DTYPES or not dims:
        assert isinstance(result, data.DatasetError)


@FUZZ
@given(shape=st.lists(st.integers(1, 6), min_size=1, max_size=4),
       code=st.sampled_from(sorted(data.IDX_DTYPES)), cut=st.integers(0, 10_000))
def test_fuzz_truncated_valid_files(shape, code, cut):
    """在任意位置截断的合法文件：得到说明“截断”的 ``DatasetError``。"""
    raw = idx_bytes(np.ones(shape), code)
    cut = cut % len(raw)                                   # 0 … len−1：一定少了字节
    result = parse_bounded(raw[:cut])
    assert isinstance(result, data.DatasetError) and "截断" in str(result)


@FUZZ
@given(shape=st.lists(st.integers(1, 5), min_size=1, max_size=3),
       position=st.integers(0, 15), value=st.integers(0, 255))
def test_fuzz_mutated_header_byte(shape, position, value):
    """随机改动合法文件头部的一个字节：结果只能是正确解析的数组或 ``DatasetError``。"""
    raw = bytearray(idx_bytes(np.arange(np.prod(shape)).reshape(shape) % 256))
    position %= 4 + 4 * len(shape)
    raw[position] = value
    raw = bytes(raw)
    check_consistent(parse_bounded(raw), raw)


@pytest.fixture(scope="module")
def gz_path(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "f.gz"


@FUZZ
@given(raw=st.binary(max_size=96), dims=st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=4),
       cut=st.integers(0, 400), compress=st.booleans())
def test_fuzz_gzip_files(gz_path, raw, dims, cut, compress):
    """gz 文件：随机头部（可能声明巨大的形状）、随机截断、甚至根本没压缩。"""
    body = b"\x00\x00\x08" + bytes([len(dims)]) + struct.pack(f">{len(dims)}I", *dims) + raw
    blob = gzip.compress(body, mtime=0) if compress else body
    gz_path.write_bytes(blob[:cut] if cut < len(blob) else blob)
    tracemalloc.start()
    try:
        try:
            data.read_idx_gz(str(gz_path), max_bytes=CAP)
        except data.DatasetError as exc:
            assert str(exc).startswith("f.gz：")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT


# ------------------------------------------------------------------ Fashion-MNIST 加载

def test_official_checksum_table_is_well_formed():
    """Fashion-MNIST 官方校验值表包含四个文件，每项都有合法的 SHA-256、MD5 和大小。"""
    assert set(data.FASHION_MNIST_CHECKSUMS) == {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}
    for entry in data.FASHION_MNIST_CHECKSUMS.values():
        assert len(entry.sha256) == 64 and int(entry.sha256, 16) >= 0
        assert len(entry.md5) == 32 and int(entry.md5, 16) >= 0
        assert entry.size > 0
    # 官方 README 表格里的 MD5（下载页同一行），逐字对照
    assert data.FASHION_MNIST_CHECKSUMS["train-images-idx3-ubyte.gz"].md5 == \
        "8d4fb7e6c68d591d4c3dfef9ec88bf0d"
    # 训练集图片解压后 16 + 60000·784 字节，必须在上限之内
    assert 16 + 60000 * 28 * 28 <= data.MAX_IDX_BYTES


def test_load_generated_fashion_mnist(tmp_path):
    """在现场生成的 Fashion-MNIST 格式文件上，加载函数返回正确的形状、类型和数值。"""
    arrays, table = write_fashion(tmp_path)
    X_train, X_test, y_train, y_test = data.load_fashion_mnist(str(tmp_path), checksums=table)
    assert X_train.shape == (40, 784) and X_test.shape == (20, 784)
    assert X_train.dtype == np.float32 and y_train.dtype == np.int64
    np.testing.assert_allclose(X_train * 255, arrays["train-images-idx3-ubyte.gz"].reshape(40, -1),
                               atol=1e-4)
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte.gz"])


def test_environment_variable_selects_directory(tmp_path, monkeypatch):
    """环境变量可以指定 Fashion-MNIST 所在的目录。"""
    _, table = write_fashion(tmp_path)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    X_train, _, _, _ = data.load_fashion_mnist(checksums=table)
    assert len(X_train) == 40


def test_official_checksums_reject_generated_files(tmp_path):
    """与官方校验值不符的文件被拒绝。"""
    write_fashion(tmp_path)
    with pytest.raises(data.DatasetError, match="大小校验失败.*重新下载"):
        data.load_fashion_mnist(str(tmp_path))


@pytest.mark.parametrize("field, label", [("sha256", "SHA-256"), ("md5", "MD5"), ("size", "大小")])
def test_each_checksum_field_is_checked(tmp_path, field, label):
    """校验值表里的每一项（大小、SHA-256、MD5）都真的被检查。"""
    _, table = write_fashion(tmp_path)
    name = "t10k-labels-idx1-ubyte.gz"
    wrong = {"sha256": "0" * 64, "md5": "0" * 32, "size": table[name].size + 1}[field]
    table[name] = table[name]._replace(**{field: wrong})
    with pytest.raises(data.DatasetError, match=f"{name}：{label}校验失败"):
        data.load_fashion_mnist(str(tmp_path), checksums=table)


def test_missing_files_and_directory_explain_how_to_get_them(tmp_path, monkeypatch):
    """目录或文件缺失时，消息说明缺了哪个文件以及怎样获取。"""
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    with pytest.raises(data.DatasetError, match="(?s)没有指定.*--data-dir.*MMDL_DATA_DIR") as exc:
        data.load_fashion_mnist()
    assert "train-images-idx3-ubyte.gz" in str(exc.value) and "fashion-mnist" in str(exc.value)
    with pytest.raises(data.DatasetError, match="(?s)不存在.*获取方法"):
        data.load_fashion_mnist(str(tmp_path / "nope"))
    write_fashion(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").unlink()
    with pytest.raises(data.DatasetError, match="(?s)缺少.*t10k-images-idx3-ubyte.gz.*获取方法"):
        data.load_fashion_mnist(str(tmp_path))


def test_semantic_checks_after_parsing(tmp_path):
    """格式合法但内容不对：标签越界、数量不一致、图片不是 28×28。"""
    _, table = write_fashion(tmp_path / "a", labels_max=12, seed=3)
    with pytest.raises(data.DatasetError, match="标签应在 0–9"):
        data.load_fashion_mnist(str(tmp_path / "a"), checksums=table)
    _, table = write_fashion(tmp_path / "b")
    labels = tmp_path / "b" / "train-labels-idx1-ubyte.gz"
    labels.write_bytes(gzip.compress(idx_bytes(np.zeros(39, dtype=np.uint8))))
    table["train-labels-idx1-ubyte.gz"] = data.file_checksum(labels)
    with pytest.raises(data.DatasetError, match="应为 40 个 uint8 标签"):
        data.load_fashion_mnist(str(tmp_path / "b"), checksums=table)
    images = tmp_path / "b" / "t10k-images-idx3-ubyte.gz"
    images.write_bytes(gzip.compress(idx_bytes(np.zeros((20, 27, 28), dtype=np.uint8))))
    _, table = write_fashion(tmp_path / "c")
    (tmp_path / "c" / "t10k-images-idx3-ubyte.gz").write_bytes(images.read_bytes())
    table["t10k-images-idx3-ubyte.gz"] = data.file_checksum(images)
    with pytest.raises(data.DatasetError, match=r"形状 \(N, 28, 28\)"):
        data.load_fashion_mnist(str(tmp_path / "c"), checksums=table)


# ------------------------------------------------------------------ 示例：命令行行为

def test_example_trains_on_generated_fashion_mnist(tmp_path, monkeypatch, capsys):
    """在本进程里运行示例的 main()，校验值表换成生成文件的表（唯一的测试专用替换）。"""
    _, table = write_fashion(tmp_path, n_train=60, n_test=30)
    monkeypatch.setattr(data, "FASHION_MNIST_CHECKSUMS", table)
    module = load_example(CHOOSE)
    module.main(["--dataset", "fashion-mnist", "--data-dir", str(tmp_path), "--epochs", "2"])
    out = capsys.readouterr().out
    assert "数据集: fashion-mnist" in out
    assert metric(out, "训练样本数") == 60
    assert metric(out, "测试样本数") == 30
    assert metric(out, "特征数") == 784
    assert 0 <= metric(out, "测试准确率") <= 1


@pytest.mark.parametrize("make_args, message", [
    (lambda tmp: ["--data-dir", tmp / "does-not-exist"], "不存在"),
    (lambda tmp: [], "没有指定"),
    (lambda tmp: ["--data-dir", write_fashion(tmp) and tmp], "大小校验失败"),
])
def test_example_exits_2_without_traceback(tmp_path, monkeypatch, make_args, message):
    """作为子进程运行：缺文件、没指定目录、文件不是官方版本，都以退出码 2 和中文说明结束。"""
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    result = run_example_raw(CHOOSE, "--dataset", "fashion-mnist", *make_args(tmp_path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == ""                   # 没有悄悄改用别的数据训练


def test_example_reads_environment_variable(tmp_path, monkeypatch):
    """示例读取环境变量指定的目录，目录不存在时给出清楚的提示。"""
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "from-env"))
    result = run_example_raw(CHOOSE, "--dataset", "fashion-mnist")
    assert result.returncode == 2
    assert "from-env 不存在" in result.stderr and "Traceback" not in result.stderr


def test_example_rejects_unknown_dataset():
    """未知的数据集名被 argparse 拒绝，退出码 2。"""
    result = run_example_raw(CHOOSE, "--dataset", "cifar")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr
