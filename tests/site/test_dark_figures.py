"""示例的图跟随配色：每张图都有深色版本（docs/_ext/child/mmdl_capture.py 在画图的同一个进程里重画），
深色版本确实是暗的，页面按配色载入对应的一张，开关一按立即切换；“运行验证”一行不进搜索索引
（搜索页上的摘要不从它开始，由 tests/site/test_a11y.py 的 test_axe_search_results_page 在两种配色下检查）。

静态检查（store 与构建出的 HTML）不需要浏览器；浏览器检查用系统的 Chromium（tests/browser_support.py），
浏览器与网站服务器每个 pytest 进程各一个（tests/site/conftest.py）；没有时跳过并说明原因，
--strict-skips（CI）时改为失败。
"""
import numpy as np
import pytest
from matplotlib import image as mpimg

import runner
from browser_support import (
    SETTINGS,
    VIEWPORT,
    docnames,
    examples_on_page,
    page_path,
    parse_html,
    resolve,
    save_screenshot,
    site_missing_reason,
)

pytestmark = pytest.mark.skipif(site_missing_reason() is not None, reason=site_missing_reason() or "")
# 深色版本（改过颜色的像素）的亮度上限：近白像素（相对亮度 > 0.8）的比例与亮度中位数。白底的浅色图两项都接近 1。
MAX_WHITE_SHARE = 0.1
MAX_MEDIAN_LUMINANCE = 0.2
SCHEMES = ("light", "dark")


def luminance(path):
    """PNG 每个像素的相对亮度（sRGB → 线性，WCAG 的系数）。"""
    img = mpimg.imread(path)[..., :3].astype(float)
    lin = np.where(img <= 0.04045, img / 12.92, ((img + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def figures_on_site():
    """[(页面, 示例, 第几张, img 元素, picture 元素或 None)]，按页面顺序。"""
    out = []
    for doc in docnames():
        for rel, box in examples_on_page(parse_html(page_path(doc))):
            for i, img in enumerate(i for i in box.iter("img") if i.has_class("mmdl-figure")):
                pic = img.parent if img.parent is not None and img.parent.tag == "picture" else None
                out.append((doc, rel, i + 1, img, pic))
    return out


def test_every_figure_has_both_renderings():
    """每张图在结果目录里都有浅色与深色两个版本（同样大小）；页面上每张图都包在 <picture> 里，深色版本的
    <source> 指向网站里存在的文件，media 默认跟随系统配色。"""
    figs, problems = figures_on_site(), []
    assert figs, "网站上没有示例的图"
    for doc, rel, i, img, pic in figs:
        light = runner.result_dir(SETTINGS, rel) / "figs" / f"fig-{i}.png"
        dark = light.parent / "dark" / light.name
        if not dark.is_file():
            problems.append(f"{rel} 的第 {i} 张图没有深色版本 {dark}")
            continue
        if mpimg.imread(light).shape != mpimg.imread(dark).shape:
            problems.append(f"{rel} 的第 {i} 张图：深色版本与浅色版本大小不同")
        sources = [c for c in (pic.children if pic else []) if not isinstance(c, str) and c.tag == "source"]
        if pic is None or len(sources) != 1 or "data-mmdl-dark" not in sources[0].attrs:
            problems.append(f"{doc}: {rel} 的第 {i} 张图没有包在带深色 <source> 的 <picture> 里")
            continue
        src = sources[0].attrs
        if src.get("media") != "(prefers-color-scheme: dark)":
            problems.append(f"{doc}: {rel} 第 {i} 张图的深色 <source> media 是 {src.get('media')!r}")
        target = resolve(page_path(doc), src.get("srcset", ""))[0]
        if not target.is_file() or target.read_bytes() != dark.read_bytes():
            problems.append(f"{doc}: {rel} 第 {i} 张图的深色 <source> 指向 {src.get('srcset')}，不是它的深色版本")
        shown = resolve(page_path(doc), img.attrs["src"])[0]
        if shown.read_bytes() != light.read_bytes():
            problems.append(f"{doc}: {rel} 第 {i} 张图的 <img> 不是浅色版本")
    assert not problems, "\n".join(problems)


def test_stamps_record_the_cost_of_the_dark_renderings():
    """每个示例的戳记着画深色版本花的 CPU 秒（make bench 用同一次构建的戳对照 ≤ 10 % 的成本）：有图的示例大于 0
    且小于整个示例的 CPU，没有图的示例是 0。"""
    problems = []
    for rel in runner.all_examples(SETTINGS):
        stamp = runner.load_stamp(SETTINGS, rel) or {}
        dark, figures = stamp.get("dark_cpu"), stamp.get("figures", 0)
        if dark is None:
            problems.append(f"{rel}：戳里没有 dark_cpu")
        elif figures and not 0 < dark < stamp["cpu"]:
            problems.append(f"{rel}：{figures} 张图，深色版本的 CPU 是 {dark} s（示例共 {stamp['cpu']} s）")
        elif not figures and dark != 0:
            problems.append(f"{rel}：没有图，深色版本的 CPU 却是 {dark} s")
    assert not problems, "\n".join(problems)


def test_dark_renderings_are_dark():
    """深色版本不是一块白板。深色样式改过颜色的像素（与浅色版本不同的像素，至少占一成）里，近白像素
    （相对亮度 > 0.8）不到 1/10，亮度中位数低于 0.2；原样保留的像素是当数据看的图片与色图（热力图、
    读回的 PNG），可以是亮的。作为对照，浅色版本的同样这些像素亮度中位数高于 0.6（否则这个检查区分不了两种版本）。
    另一项检查（底色）保证没有哪张图整张原样保留。"""
    problems, checked = [], 0
    for _doc, rel, i, _, _ in figures_on_site():
        light = runner.result_dir(SETTINGS, rel) / "figs" / f"fig-{i}.png"
        dark = light.parent / "dark" / light.name
        if not dark.is_file():
            continue  # test_every_figure_has_both_renderings 报告
        checked += 1
        d, l_ = mpimg.imread(dark)[..., :3], mpimg.imread(light)[..., :3]
        if d.shape != l_.shape:
            continue  # 同上
        changed = np.abs(d - l_).max(axis=2) >= 2 / 255
        lum = luminance(dark)[changed]
        if changed.mean() < 0.1:
            problems.append(f"{rel} 第 {i} 张图的深色版本只改了 {changed.mean():.0%} 的像素")
            continue
        white, median = float((lum > 0.8).mean()), float(np.median(lum))
        if white > MAX_WHITE_SHARE or median > MAX_MEDIAN_LUMINANCE:
            problems.append(f"{rel} 第 {i} 张图的深色版本太亮：改过的像素里近白的占 {white:.0%}，亮度中位数 {median:.2f}")
        if float(np.median(luminance(light)[changed])) < 0.6:
            problems.append(f"{rel} 第 {i} 张图的浅色版本（同样这些像素）亮度中位数只有 "
                            f"{np.median(luminance(light)[changed]):.2f}（对照失效）")
    assert checked, "没有检查到任何深色版本"
    assert not problems, "\n".join(problems)


def test_dark_figure_background_is_the_dark_page_background():
    """深色版本的底色（mmdl_capture.DARK_BG）就是深色页面的底色（mmdl.css 的 --mmdl-page-bg），
    图与页面之间没有一道色差；每张实际存出的深色图左上角也正是这个颜色。"""
    import re
    import sys

    sys.path.insert(0, str(runner.ROOT / "docs" / "_ext" / "child"))
    import mmdl_capture

    css = (runner.ROOT / "docs" / "_static" / "mmdl.css").read_text(encoding="utf-8")
    m = re.search(r"--mmdl-page-bg:\s*light-dark\([^,]+,\s*(#[0-9a-fA-F]{6})\)", css)
    assert m and m.group(1).lower() == mmdl_capture.DARK_BG.lower(), (m and m.group(1), mmdl_capture.DARK_BG)
    want = np.array([int(mmdl_capture.DARK_BG[i:i + 2], 16) for i in (1, 3, 5)])
    bad = []
    for _doc, rel, i, _, _ in figures_on_site():
        dark = runner.result_dir(SETTINGS, rel) / "figs" / "dark" / f"fig-{i}.png"
        if dark.is_file():
            corner = np.round(mpimg.imread(dark)[0, 0, :3] * 255)
            if np.abs(corner - want).max() > 1:
                bad.append(f"{rel} 第 {i} 张深色图的底色是 {corner}")
    assert not bad, "\n".join(bad)


def test_verification_line_is_out_of_the_search_index():
    """“运行验证”一行带 no-search 类（Sphinx 建索引时跳过它）；搜索页加载去掉它的摘要脚本。"""
    for doc in docnames():
        for p in parse_html(page_path(doc)).iter("p", "mmdl-verified"):
            assert p.has_class("no-search"), f"{doc}: “运行验证”一行没有 no-search 类，会进搜索索引"
    search = (page_path("search")).read_text(encoding="utf-8")
    assert "mmdl-search.js" in search


# ---- 浏览器 ----

JS_FIGURES = """async () => {
  const imgs = [...document.querySelectorAll('img.mmdl-figure')];
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(d => { i.onload = d; i.onerror = d; })));
  return imgs.map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0}));
}"""


def figure_page():
    """一个有热力图（或别的多张图）的页面：cnn 章优先。"""
    docs = [d for d in docnames() if any(True for i in parse_html(page_path(d)).iter("img") if i.has_class("mmdl-figure"))]
    return next((d for d in ("basics/cnn", "basics/datasets") if d in docs), docs[0] if docs else None)


def is_dark_src(src):
    return "-dark-" in src.rsplit("/", 1)[-1]


@pytest.mark.parametrize("system", SCHEMES)
def test_page_loads_the_rendering_of_the_scheme_and_toggle_switches_at_once(browser, site_url, system):
    """系统配色为浅/深时，每张图载入对应的版本；按开关后不重新加载页面，图立即换成另一种；
    选定的配色与系统相反时，重新打开页面，图一开始就是选定的那种（请求里没有另一种版本）。"""
    doc = figure_page()
    if doc is None:
        pytest.skip("网站上没有示例的图")
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN", color_scheme=system)
    try:
        page = ctx.new_page()
        page.goto(site_url + doc + ".html", wait_until="load")
        figs = page.evaluate(JS_FIGURES)
        assert figs and all(f["ok"] for f in figs), f"{doc}：有图没有载入：{figs}"
        wrong = [f["src"] for f in figs if is_dark_src(f["src"]) != (system == "dark")]
        assert not wrong, f"{doc}（系统 {system}）载入了另一种配色的图：{wrong[:3]}"
        page.evaluate("() => { window.__mmdlSamePage = true; }")
        page.locator(".mmdl-theme-toggle").click()
        page.wait_for_function("(dark) => [...document.querySelectorAll('img.mmdl-figure')].every(i => "
                               "i.complete && i.naturalWidth > 0 && i.currentSrc.includes('-dark-') === dark)",
                               arg=system != "dark", timeout=10_000)
        assert page.evaluate("() => window.__mmdlSamePage === true"), "切换配色时页面重新加载了"
        save_screenshot(page, f"schemes/{doc.replace('/', '-')}-{system}-toggled")
        # 选定的配色（与系统相反）记住了：重新打开，图一开始就是它——每张图第一次载入完成（load 事件，
        # 之后才会画出来）时显示的就是选定的版本，不是先显示另一种再换（浏览器的预加载可能先取另一种，但不显示它）
        page.add_init_script("""window.__mmdlFirstLoads = {};
            document.addEventListener('load', (e) => { const t = e.target;
              if (t.matches && t.matches('img.mmdl-figure') && !(t.src in __mmdlFirstLoads))
                __mmdlFirstLoads[t.src] = t.currentSrc; }, true);""")
        page.reload(wait_until="load")
        figs = page.evaluate(JS_FIGURES)
        wrong = [f["src"] for f in figs if is_dark_src(f["src"]) != (system != "dark")]
        assert not wrong, f"{doc}：选定配色后重新打开，图是另一种配色：{wrong[:3]}"
        first = page.evaluate("() => window.__mmdlFirstLoads")
        assert len(first) == len(figs), f"{doc}：记录到 {len(first)} 张图的首次载入，页面上有 {len(figs)} 张"
        flashed = [u for u in first.values() if is_dark_src(u) == (system == "dark")]
        assert not flashed, f"{doc}：选定配色后重新打开，图先显示了另一种配色：{flashed[:3]}"
    finally:
        ctx.close()
