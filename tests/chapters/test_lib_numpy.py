"""NumPy 一章：数组属性、dtype 规则、视图与副本、广播规则、向量化、线性代数、随机数与 softmax。"""
import numpy as np
import pytest
from scipy import special, stats
from scipy.spatial.distance import cdist

from support import load_example, metric, run_example, run_example_raw

NP = "libraries/numpy/"


def test_ndarray_attributes_and_sums():
    """数组的形状、维数、元素个数、字节数和步长与页面所说的相同，按轴求和的结果正确。"""
    m = load_example(NP + "ndarray_basics.py")
    a = m.grid(3, 4)
    info = m.describe(a)
    assert info["shape"] == (3, 4) and info["ndim"] == 2 and info["size"] == 12
    assert info["nbytes"] == info["size"] * info["itemsize"] == 96
    assert info["strides"] == (4 * 8, 8)  # C 顺序：跨一行要跳过 4 个 float64
    assert a.T.strides == (8, 32)
    np.testing.assert_array_equal(a.sum(axis=0), [12, 15, 18, 21])
    np.testing.assert_array_equal(a.sum(axis=1), [6, 22, 38])
    out = run_example(NP + "ndarray_basics.py")
    assert metric(out, "全部元素之和") == 66
    out = run_example(NP + "ndarray_basics.py", "--rows", 5, "--cols", 7)
    assert metric(out, "全部元素之和") == 35 * 34 / 2
    assert metric(out, "nbytes") == 35 * 8




def test_dtype_rules():
    """页面上的类型规则：float32 与 float64 的机器精度分别是 2⁻²³ 与 2⁻⁵²，整数溢出会回绕，Python 标量不会把 float32 提升为 float64（NEP 50）。"""
    m = load_example(NP + "dtypes.py")
    assert m.machine_eps(np.float32) == 2.0**-23
    assert m.machine_eps(np.float64) == 2.0**-52
    assert m.wraparound(127, np.int8) == -128
    assert m.wraparound(255, np.uint8) == 0
    f32 = np.ones(2, dtype=np.float32)
    assert m.promoted(f32, 1.0) == "float32"  # NEP 50：Python 标量是“弱类型”
    assert m.promoted(f32, np.ones(2)) == "float64"
    assert m.promoted(np.arange(2), f32) == "float64"
    out = run_example(NP + "dtypes.py")
    assert metric(out, "int8 的 127 + 1") == -128
    assert metric(out, "float32 机器精度") == pytest.approx(2.0**-23, rel=1e-6)
    assert "float32: 1 + eps/2 == 1: True" in out
    assert "[-2 -2  0  1  2]" in out  # astype 向零截断
    assert "[-3. -2.  0.  2.  3.]" in out  # 四舍六入五成双
    assert metric(out, "1000000 个 float16 占用字节数") == 2_000_000


def test_views_and_copies():
    """切片和转置得到视图，花式索引得到副本。"""
    m = load_example(NP + "indexing_views.py")
    a = np.arange(20).reshape(4, 5)
    assert m.is_view(a[1:3, ::2], a)
    assert m.is_view(a.T, a)
    assert not m.is_view(a[[1, 2]], a)
    assert not m.is_view(a[a > 10], a)
    assert not m.is_view(a.T.reshape(-1), a)
    s = a[1:3, ::2]
    s[0, 0] = -1
    assert a[1, 0] == -1  # 视图写回原数组
    b = np.array([3, -1, 4, -1])
    assert m.clip_negative_inplace(b) is b
    np.testing.assert_array_equal(b, [3, 0, 4, 0])
    out = run_example(NP + "indexing_views.py")
    assert metric(out, "a[1, 0] 变为") == -1
    assert "切片 a[1:3, ::2] 是视图: True" in out
    assert "花式索引 a[[1, 2]] 是视图: False" in out


def test_broadcast_rule_matches_numpy():
    """从零实现的广播规则与 ``np.broadcast_shapes`` 在 500 组随机形状上结果相同，不兼容时同样报错。"""
    m = load_example(NP + "broadcasting.py")
    rng = np.random.default_rng(0)
    for _ in range(500):
        shapes = [tuple(rng.choice([1, 1, 2, 3], size=rng.integers(0, 5))) for _ in range(2)]
        try:
            ref = np.broadcast_shapes(*shapes)
        except ValueError:
            with pytest.raises(ValueError):
                m.broadcast_shape(*shapes)
        else:
            assert m.broadcast_shape(*shapes) == ref, shapes
    assert m.broadcast_shape((5, 1, 6), (7, 1)) == (5, 7, 6)
    assert m.broadcast_shape((0,), (1,)) == (0,)
    with pytest.raises(ValueError):
        m.broadcast_shape((3, 4), (3,))
    # 实际运算的结果形状与规则一致
    assert (np.ones((2, 3, 4)) + np.ones((3, 1))).shape == m.broadcast_shape((2, 3, 4), (3, 1))


def test_broadcast_applications():
    """广播的应用：按列标准化后每列均值为 0、标准差为 1，两组点的距离矩阵形状正确。"""
    m = load_example(NP + "broadcasting.py")
    rng = np.random.default_rng(1)
    x = rng.normal([1, -2, 5], [1, 3, 0.5], size=(100, 3))
    z = m.standardize(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, rtol=1e-12)
    p, q = rng.normal(size=(6, 4)), rng.normal(size=(3, 4))
    d2 = m.pairwise_sq_dists(p, q)
    assert d2.shape == (6, 3)
    np.testing.assert_allclose(d2, cdist(p, q, "sqeuclidean"), rtol=1e-12)
    out = run_example(NP + "broadcasting.py")
    assert "自己实现 (5, 7, 6)  NumPy (5, 7, 6)" in out
    assert "步长: (0, 8)" in out


def test_vectorized_equals_loop():
    """两两距离的三种算法（循环、广播、矩阵乘法展开）结果相同，也与 ``scipy.spatial.distance.cdist`` 相同。"""
    m = load_example(NP + "vectorize_speed.py")
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(20, 5)), rng.normal(size=(15, 5))
    ref = cdist(x, y, "sqeuclidean")
    for f in (m.sq_dists_loop, m.sq_dists_broadcast, m.sq_dists_matmul):
        np.testing.assert_allclose(f(x, y), ref, rtol=1e-10, atol=1e-12, err_msg=f.__name__)
    assert m.sq_dists_matmul(x, x).min() >= 0  # 舍入产生的负数被截到 0
    out = run_example(NP + "vectorize_speed.py")
    assert metric(out, "广播与循环的最大差") < 1e-10
    assert metric(out, "矩阵乘法与循环的最大差") < 1e-10
    # 只检查耗时与加速比被打印出来，不对数值作断言（随机器与负载变化）
    for label in ("Python 循环耗时(ms)", "广播加速比", "矩阵乘法加速比"):
        metric(out, label)


def test_linear_algebra():
    """线性代数示例：各个分解的残差在舍入误差的量级，``lstsq``、正规方程与 ``np.polyfit`` 给出相同的直线。"""
    m = load_example(NP + "linalg.py")
    a = np.array([[3.0, 1.0, -1.0], [1.0, 4.0, 1.0], [2.0, 1.0, 5.0]])
    b = np.array([4.0, 6.0, 8.0])
    x, residual = m.solve_system(a, b)
    assert residual < 1e-12
    np.testing.assert_allclose(x, np.linalg.inv(a) @ b, rtol=1e-12)
    xs = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(m.fit_line(xs, 2 * xs + 1), [2, 1], atol=1e-12)  # 无噪声时精确
    rng = np.random.default_rng(0)
    ys = 3 * xs - 0.5 + rng.normal(size=xs.size)
    np.testing.assert_allclose(m.fit_line(xs, ys), m.fit_line_normal_equation(xs, ys), rtol=1e-10)
    np.testing.assert_allclose(m.fit_line(xs, ys), np.polyfit(xs, ys, 1), rtol=1e-10)
    out = run_example(NP + "linalg.py")
    assert metric(out, "残差 ||Ax-b||") < 1e-12
    assert metric(out, "最大的 ||S v - λ v||") < 1e-10
    assert metric(out, "重构误差 ||UΣVᵀ - M||") < 1e-10
    assert metric(out, "数值秩") == 3
    assert metric(out, "σ₁ 与谱范数之差") < 1e-10
    assert abs(metric(out, "斜率") - 2) < 0.1
    assert abs(metric(out, "截距") - 1) < 0.2
    assert metric(out, "与正规方程之差") < 1e-10


def test_random_generator():
    """同一种子产生相同的随机数，不同种子不同；样本均值与 μ 之差不超过 4 个标准误，正态密度与 SciPy 相同。"""
    m = load_example(NP + "random_rng.py")
    np.testing.assert_array_equal(m.sample_normal(7, 10), m.sample_normal(7, 10))
    assert not np.array_equal(m.sample_normal(7, 10), m.sample_normal(8, 10))
    grid = np.linspace(-3, 7, 2001)
    np.testing.assert_allclose(m.normal_pdf(grid, 2.0, 0.5), stats.norm.pdf(grid, 2.0, 0.5), rtol=1e-12)
    out = run_example(NP + "random_rng.py")
    n, mu, sigma = 10_000, 2.0, 0.5
    assert abs(metric(out, "样本均值") - mu) < 4 * sigma / np.sqrt(n)
    assert abs(metric(out, "样本标准差") - sigma) < 0.02
    assert abs(metric(out, "落在 μ±σ 内的比例") - (stats.norm.cdf(1) - stats.norm.cdf(-1))) < 0.02
    assert metric(out, "均值的标准误 σ/√n") == pytest.approx(sigma / np.sqrt(n), abs=1e-4)
    assert "同一种子两次抽样相同: True" in out and "不同种子两次抽样相同: False" in out
    r = run_example_raw(NP + "random_rng.py", "--mu", "inf")
    assert r.returncode == 2 and "有限" in r.stderr


def test_softmax_and_dense_layer():
    """softmax 与 log-softmax 与 ``scipy.special`` 逐元素相同，加上常数不变；权重全为 0 时交叉熵恰好是 log K。"""
    m = load_example(NP + "softmax_dense.py")
    rng = np.random.default_rng(0)
    z = rng.normal(scale=30, size=(8, 5))
    np.testing.assert_allclose(m.softmax(z), special.softmax(z, axis=-1), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(m.log_softmax(z), special.log_softmax(z, axis=-1), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(m.softmax(z + 123.0), m.softmax(z), rtol=1e-12, atol=1e-300)
    big = np.array([[1000.0, 1001.0, 1002.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(m.softmax_naive(big)).all()
    np.testing.assert_allclose(m.softmax(big), m.softmax(big - 1000), rtol=1e-15)
    labels = rng.integers(0, 5, size=8)
    p = special.softmax(z, axis=-1)
    expected = -np.mean(np.log(p[np.arange(8), labels]))
    assert m.cross_entropy(z, labels) == pytest.approx(expected, rel=1e-10)
    # 全连接层：(B, in) @ (in, out) + (out,) 的广播
    x, w, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    y = m.dense(x, w, b)
    assert y.shape == (4, 2)
    np.testing.assert_allclose(y, np.einsum("bi,io->bo", x, w) + np.tile(b, (4, 1)), rtol=1e-12)
    # 权重全为 0 时 logits 全为 0，交叉熵恰好是 log K
    params = m.init_params(rng, 3, 6, 7, scale=0.0)
    assert m.cross_entropy(m.mlp_forward(x, params), np.zeros(4, dtype=int)) == pytest.approx(np.log(7))
    out = run_example(NP + "softmax_dense.py")
    assert abs(metric(out, "初始交叉熵") - np.log(10)) < 0.01
    assert metric(out, "每行概率之和与 1 的最大偏差") < 1e-12
    assert "-> H: (64, 32)" in out and "logits: (64, 10)" in out
