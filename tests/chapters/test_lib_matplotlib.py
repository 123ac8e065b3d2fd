"""matplotlib 一章：两种接口画出同样的图、布局、各类图元、样式不丢中文字体、无界面保存、中文缺字即失败。"""
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from support import load_example, metric, run_example, run_example_raw  # noqa: E402

MPL = "libraries/matplotlib/"
RC = Path(__file__).resolve().parents[2] / "matplotlibrc"
CHINESE = "深度学习：损失函数、准确率与梯度下降（训练集／测试集）"


@pytest.fixture
def repo_rc():
    """用仓库的 matplotlibrc（与构建相同的中文字体配置），结束后恢复。"""
    with matplotlib.rc_context(fname=str(RC)):
        yield
    plt.close("all")


def draw_text(text):
    fig, ax = plt.subplots()
    ax.set_title(text)
    ax.set_xlabel(text)
    fig.canvas.draw()
    return fig


def test_chinese_text_renders_without_missing_glyphs(repo_rc):
    """用仓库的 ``matplotlibrc`` 绘制中文标题、标签和图例时，不出现任何缺字警告。"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 任何缺字警告都会变成异常，让测试失败
        draw_text(CHINESE)


def test_missing_glyph_is_detected(repo_rc):
    """反向对照：只用 DejaVu Sans 时同一段文字必须触发缺字警告，说明上面的检查确实有效。"""
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="missing from font"):
            draw_text(CHINESE)


def test_cjk_font_check_function(repo_rc):
    """缺字检查函数：配置的中文字体不缺字；只用 DejaVu Sans 时，每个汉字和全角标点都被报告为缺字。"""
    m = load_example(MPL + "cjk_font.py")
    assert m.missing_glyphs(CHINESE) == []
    missing = m.missing_glyphs(CHINESE, ["DejaVu Sans"])
    assert set(missing) == {ch for ch in CHINESE}  # DejaVu Sans 一个汉字和全角标点都没有
    assert m.missing_glyphs("abc", ["DejaVu Sans"]) == []
    fonts = m.installed_fonts(["WenQuanYi Micro Hei", "No Such Font 123"])
    assert fonts["WenQuanYi Micro Hei"] and fonts["No Such Font 123"] is None


def test_cjk_font_example_exit_codes():
    """字体检查示例：字体齐全时退出码 0 并报告实际使用的字体；换成 DejaVu Sans 时退出码 1 并列出缺的字。"""
    out = run_example(MPL + "cjk_font.py")
    assert metric(out, "缺少字形的字符数") == 0
    assert metric(out, "检查的字符数") == len(set(CHINESE))
    assert "实际使用的字体: WenQuanYi Micro Hei" in out
    r = run_example_raw(MPL + "cjk_font.py", "--family", "DejaVu Sans")
    assert r.returncode == 1
    assert "缺少这些字的字形" in r.stderr and "Traceback" not in r.stderr


def test_pyplot_and_oo_draw_the_same(repo_rc):
    """pyplot 写法与面向对象写法画出的图包含相同的线和数据。"""
    m = load_example(MPL + "pyplot_vs_oo.py")
    f1, f2 = m.draw_pyplot(50), m.draw_oo(50)
    a1, a2 = f1.axes[0], f2.axes[0]
    assert len(a1.lines) == len(a2.lines) == 2
    for l1, l2 in zip(a1.lines, a2.lines):
        np.testing.assert_array_equal(l1.get_xydata(), l2.get_xydata())
    np.testing.assert_allclose(a1.lines[0].get_ydata(), np.sin(a1.lines[0].get_xdata()))
    assert (a1.get_xlabel(), a1.get_ylabel()) == (a2.get_xlabel(), a2.get_ylabel())
    out = run_example(MPL + "pyplot_vs_oo.py")
    assert metric(out, "图形数量") == 2
    assert "两种写法的曲线数据相同: True" in out and "plt.gca() 是面向对象图里的 ax: True" in out


def test_subplot_layouts(repo_rc):
    """``plt.subplots`` 的布局：子图的个数、形状和共享坐标轴与页面所说的相同。"""
    m = load_example(MPL + "subplots_layout.py")
    rng = np.random.default_rng(0)
    fig, axes = m.grid_figure(rng)
    assert axes.shape == (2, 2) and len(fig.axes) == 4
    assert axes[0, 0].get_shared_x_axes().joined(axes[0, 0], axes[1, 0])
    assert not axes[0, 0].get_shared_x_axes().joined(axes[0, 0], axes[0, 1])
    assert axes[0, 0].get_shared_y_axes().joined(axes[0, 0], axes[0, 1])
    fig2, axd = m.mosaic_figure(rng)
    assert sorted(axd) == ["A", "B", "C", "D"]
    spec_b, spec_a = axd["B"].get_subplotspec(), axd["A"].get_subplotspec()
    assert list(spec_b.rowspan) == [0, 1] and list(spec_b.colspan) == [2]  # B 占右侧一整列
    assert list(spec_a.rowspan) == [0] and list(spec_a.colspan) == [0, 1]  # A 占上面两格
    out = run_example(MPL + "subplots_layout.py")
    assert metric(out, "第一张图的子图数") == 4 and metric(out, "第二张图的子图数") == 4


def test_plot_types(repo_rc):
    """折线图、散点图、直方图等示例图里的元素个数与数据一致。"""
    m = load_example(MPL + "plot_types.py")
    fig, axes = m.draw_all(np.random.default_rng(0))
    line, scatter, hist, bar, image, contour = axes.flat
    assert len(line.lines) == 2
    assert isinstance(scatter.collections[0], PathCollection) and len(scatter.collections[0].get_offsets()) == 150
    assert len(hist.patches) == 40
    assert [round(p.get_height(), 2) for p in bar.patches] == [0.86, 0.93, 0.98]
    assert isinstance(image.images[0], AxesImage)
    np.testing.assert_array_equal(image.images[0].get_array(), [[48, 2, 0], [3, 41, 6], [0, 4, 46]])
    sets = [c for c in contour.collections if isinstance(c, ContourSet)]
    assert list(sets[-1].levels) == [1, 4, 9, 16]
    assert m.loss_surface(1.0, 1.0) == 5.0 and m.loss_surface(0.0, 0.0) == 0.0
    out = run_example(MPL + "plot_types.py")
    assert metric(out, "直方图的条数") == 40


def test_styles_keep_chinese_font(repo_rc):
    """seaborn、classic 等样式会换掉中文字体（ggplot 不会）；用 ``cjk_safe`` 包装后仍用中文字体，离开 with 块后恢复。"""
    m = load_example(MPL + "styles.py")
    assert m.overrides_font("seaborn-v0_8-whitegrid") and m.overrides_font("classic")
    assert not m.overrides_font("ggplot")
    first = matplotlib.rcParams["font.sans-serif"][0]
    assert first == "WenQuanYi Micro Hei"
    with plt.style.context("seaborn-v0_8-whitegrid"):
        assert matplotlib.rcParams["font.sans-serif"][0] != first  # 直接用样式：中文字体被换掉
    with plt.style.context(m.cjk_safe("seaborn-v0_8-whitegrid")):
        assert matplotlib.rcParams["font.sans-serif"][0] == first
    assert matplotlib.rcParams["font.sans-serif"][0] == first  # 离开 with 块后恢复
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = m.draw(np.random.default_rng(0))
        fig.canvas.draw()  # 四种样式下的中文标题都不缺字
    assert len(fig.axes) == 4
    out = run_example(MPL + "styles.py")
    assert "叠加字体字典后的第一字体: WenQuanYi Micro Hei" in out


def test_headless_save_pixel_size():
    """无界面保存的图片宽高等于 figsize × dpi（换一组尺寸和 dpi 再运行一次也成立），PNG 文件与内存中的像素逐个相同。"""
    out = run_example(MPL + "save_headless.py")
    assert metric(out, "图片宽度(像素)") == 400 and metric(out, "图片高度(像素)") == 300
    assert "PNG 文件头正确: True" in out and "文件与内存缓冲区逐像素相同: True" in out
    out = run_example(MPL + "save_headless.py", "--dpi", 50, "--width", 5, "--height", 2, "--out", "small.png")
    assert metric(out, "图片宽度(像素)") == 250 and metric(out, "图片高度(像素)") == 100
    assert "保存的文件: small.png" in out
    r = run_example_raw(MPL + "save_headless.py", "--out", "../escape.png")
    assert r.returncode == 2 and "当前目录" in r.stderr


def test_headless_save_function(tmp_path, repo_rc):
    """直接用 ``Figure`` + ``FigureCanvasAgg`` 保存图片：文件是合法的 PNG，尺寸正确，不在 pyplot 里登记图形。"""
    m = load_example(MPL + "save_headless.py")
    before = plt.get_fignums()
    fig, canvas = m.render(3.0, 2.0, 80)
    path = tmp_path / "f.png"
    m.save_exact(fig, path)
    assert path.read_bytes()[:8] == m.PNG_MAGIC
    img = plt.imread(path)
    assert img.shape == (160, 240, 4)  # 高 = 2 × 80，宽 = 3 × 80
    assert plt.get_fignums() == before  # 直接用 Figure + FigureCanvasAgg，不在 pyplot 里登记
