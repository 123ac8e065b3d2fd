"""无障碍与外观：axe-core（axe-playwright-python 自带，不联网）在浅色与深色两种配色下检查每一页——逐页的检查在
tests/site/test_browser.py 的 test_page_in_browser 里，与其余浏览器检查共用每一页每种配色唯一的一次打开
（用的是本文件的规则与 browser_support.axe_check）；列出结果的搜索页（结果很多的查询）也在两种配色下检查；
只用键盘能到达搜索框、框架标签页、复制按钮、下载链接和深色模式开关；深色模式的开关会被记住；
404 页在任何深度的缺页地址下都完整显示；示例的图有取自图标题的替代文字。

代码块里的记号按“类名、颜色、底色、字体”每种挑一个代表交给 axe（同样的组合对比度相同），页面其余部分
逐个元素检查；这样一页不必逐个检查上万个记号。axe 的全部结果（含 moderate、minor）写到 _build/a11y/<配色>/<页面>.json，
供人查看；给了 --screenshots=DIR（MMDL_SCREENSHOT_DIR）时，深色模式的整页截图写到 DIR/dark/<页面>.png。
严重程度为 critical 或 serious 的问题让测试失败。

浏览器与网站服务器每个 pytest 进程各一个（tests/site/conftest.py），每个测试用自己的新浏览器上下文。
没有 Chromium、playwright 或 axe-playwright-python 时跳过并说明原因；--strict-skips（CI）时改为失败。
"""
import re

import pytest

import runner
from browser_support import (
    axe_check,
    axe_missing_reason,
    axe_violations,
    docnames,
    examples_on_page,
    new_context,
    page_path,
    parse_html,
    save_screenshot,
    search_page,
    settle,
    site_missing_reason,
)
from support import SETTINGS

SCHEMES = ("light", "dark")
THEME_KEY = "mmdl-theme"


@pytest.fixture(scope="module")
def browser(browser):
    """tests/site/conftest.py 的浏览器，另外要有 axe-playwright-python。"""
    reason = axe_missing_reason()
    if reason:
        pytest.skip(reason)  # --strict-skips（CI）时 conftest.py 把它算作失败
    return browser


def test_low_contrast_code_token_is_caught(browser):
    """挑代表的检查不会放过代码块里的问题：几百个正常记号中混进一种看不清的，它被报出来。"""
    tokens = "".join(f'<span class="n">name{i}</span> <span class="o">=</span> ' for i in range(300))
    html = f"""<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><main><h1>代码</h1>
      <div class="highlight" style="background:#fff"><pre>{tokens}<span class="c1" style="color:#eee"># 看不清</span>
</pre></div><p style="color:#000">正文</p></main></body></html>"""
    page = browser.new_page()
    try:
        page.set_content(html)
        found = {v["id"]: v for v in axe_violations(page)}
        assert "color-contrast" in found, f"没有查出对比度不足的记号：{list(found)}"
        assert [n["target"] for n in found["color-contrast"]["nodes"]] == [[".c1"]], found["color-contrast"]["nodes"]
    finally:
        page.close()


# ---- 404 页 ----

MISSING = ["no-such-page.html", "basics/no-such-page.html", "basics/a/b/c/no-such-page.html", "libraries/gone/"]


@pytest.mark.parametrize("path", MISSING)
def test_404_page_works_at_any_depth(browser, site_url, path):
    """一次打开（深色配色）做完全部检查：状态码与标题、样式与侧栏、axe，最后点“首页”回到首页。"""
    ctx = new_context(browser, "dark", expected_status=(404,))
    try:
        page = ctx.new_page()
        resp = page.goto(site_url + path, wait_until="load")
        assert resp.status == 404
        assert "找不到这一页" in page.title() + page.inner_text("h1")
        # 样式、脚本都加载了（链接是从网站根开始的绝对路径），侧栏有全部章节
        assert page.evaluate("() => getComputedStyle(document.querySelector('.wy-nav-side')).position") == "fixed"
        assert page.locator(".wy-menu-vertical a[href$='basics/backprop.html']").count() == 1
        settle(page)
        bad = axe_check(page, "dark", "404-" + re.sub(r"\W+", "-", path))
        assert not bad, "\n".join(bad)
        save_screenshot(page, "dark/404-" + re.sub(r"\W+", "-", path))
        assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
        page.locator("div[role=main] a", has_text="首页").click()
        page.wait_for_load_state("load")
        assert page.url.rstrip("/").endswith(("index.html", site_url.rstrip("/"))), page.url
        assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
    finally:
        ctx.close()


# ---- 键盘 ----

def page_with_everything():
    """一个同时有框架标签页、示例（复制按钮、下载链接）的页面。"""
    for doc in docnames():
        tree = parse_html(page_path(doc))
        if any(True for _ in tree.iter("div", "sd-tab-set")) and examples_on_page(tree):
            return doc
    return None


REQUIRED_CONTROLS = {"search", "tab", "copy", "download", "theme"}
MAX_TABS = 600  # 页面上的可聚焦元素远少于这个数：按这么多次还没到齐就是到达不了
TAB_BATCH = 10  # 每按这么多次 Tab 读一次记录（记录在页面里逐次写下，不会漏掉中间获得焦点的元素）

# 每次获得焦点（focusin）时在页面里记下：什么控件、是否可见、有没有焦点框。按 Tab 时不必每按一次问一次页面
JS_RECORD_FOCUS = """() => {
  window.__mmdlFocus = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    if (!el || el === document.body) return;
    const kind = el.matches('#rtd-search-form input[name=q], input[name=q]') ? 'search'
      : el.matches('.sd-tab-set > input') ? 'tab'
      : el.matches('button.copybtn') ? 'copy'
      : el.matches('a.download, .mmdl-downloads a') ? 'download'
      : el.matches('.mmdl-theme-toggle') ? 'theme' : 'other';
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el.matches('.sd-tab-set > input') ? el.nextElementSibling : el);
    __mmdlFocus.push({kind, tag: el.tagName, visible: r.width > 0 || r.height > 0 || kind === 'tab',
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                     || style.boxShadow !== 'none'});
  }, true);
}"""


def test_keyboard_reaches_every_control(browser, site_url):
    """从页首起一直按 Tab，直到搜索框、框架标签页、复制按钮、下载链接、深色模式开关都获得过焦点（最多 600 次）；
    经过的每个控件都有可见的焦点框。"""
    doc = page_with_everything()
    if doc is None:
        pytest.skip("没有一个页面同时含框架标签页和示例")
    ctx = new_context(browser)
    try:
        page = ctx.new_page()
        page.goto(site_url + doc + ".html", wait_until="load")
        settle(page)
        page.evaluate(JS_RECORD_FOCUS)
        seen, unstyled, presses = {}, [], 0
        while presses < MAX_TABS and not REQUIRED_CONTROLS <= seen.keys():
            for _ in range(TAB_BATCH):
                page.keyboard.press("Tab")
            presses += TAB_BATCH
            for info in page.evaluate("() => __mmdlFocus.splice(0)"):
                seen.setdefault(info["kind"], info)
                if info["kind"] != "other" and not info["outline"]:
                    unstyled.append(info)
        missing = REQUIRED_CONTROLS - seen.keys()
        assert not missing, f"{doc}.html：按 {presses} 次 Tab 键到达不了 {sorted(missing)}（到达了 {sorted(seen)}）"
        assert not unstyled, f"{doc}.html：这些控件获得焦点时没有可见的焦点框：{unstyled[:3]}"

        # 标签页：焦点在一个标签上时，方向键切换到下一个标签（单选按钮的行为）
        first_tab = page.locator(".sd-tab-set > input").first
        first_tab.focus()
        before = page.evaluate("() => document.activeElement.id")
        page.keyboard.press("ArrowRight")
        after = page.evaluate("() => [document.activeElement.id, document.activeElement.checked]")
        assert after[0] != before and after[1], f"方向键没有切换标签页：{before} → {after}"

        # 复制按钮：回车键触发复制（按钮在代码块右上角，平时半透明，获得焦点时可见）
        ctx.grant_permissions(["clipboard-read", "clipboard-write"])
        page.locator("div.mmdl-example div.highlight:visible button.copybtn").first.focus()
        page.keyboard.press("Enter")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip(), "用回车键按复制按钮，剪贴板里什么也没有"
        assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
    finally:
        ctx.close()


# ---- 深色模式 ----

JS_COLORS = """() => ({theme: document.documentElement.dataset.theme || null,
  bg: getComputedStyle(document.querySelector('.wy-nav-content')).backgroundColor,
  pressed: document.querySelector('.mmdl-theme-toggle').getAttribute('aria-pressed')})"""


def is_dark(rgb):
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) < 80


def test_dark_mode_follows_system_and_toggle_persists(browser, site_url):
    pages = [d for d in docnames() if d != "index"][:1] + ["index"]
    for system in SCHEMES:
        ctx = new_context(browser, system)
        try:
            page = ctx.new_page()
            page.goto(site_url + pages[0] + ".html", wait_until="load")
            state = page.evaluate(JS_COLORS)
            assert is_dark(state["bg"]) == (system == "dark"), f"系统为 {system} 时页面背景是 {state['bg']}"
            assert state["pressed"] == str(system == "dark").lower()
            page.locator(".mmdl-theme-toggle").click()  # 改成与系统相反的配色
            flipped = page.evaluate(JS_COLORS)
            assert is_dark(flipped["bg"]) != (system == "dark"), f"按开关后背景仍是 {flipped['bg']}"
            assert page.evaluate(f"() => localStorage.getItem('{THEME_KEY}')") == ("light" if system == "dark" else "dark")
            # 换一页、重新打开：选择保持
            page.goto(site_url + pages[1] + ".html", wait_until="load")
            kept = page.evaluate(JS_COLORS)
            assert is_dark(kept["bg"]) != (system == "dark"), f"换页后配色没有保持：{kept}"
            assert kept["pressed"] == str(system != "dark").lower()
            assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
        finally:
            ctx.close()


def test_dark_mode_figures_are_dark_renderings(browser, site_url):
    """深色模式下示例的图显示深色版本（<picture> 的深色 <source>）：图本身是暗的，不是一块白板；代码块用深色配色。"""
    doc = next((d for d in docnames() if any(True for img in parse_html(page_path(d)).iter("img")
                                             if img.has_class("mmdl-figure"))), None)
    if doc is None:
        pytest.skip("没有含示例图的页面")
    ctx = new_context(browser, "dark")
    try:
        page = ctx.new_page()
        page.goto(site_url + doc + ".html", wait_until="load")
        settle(page)
        # 图左上角的像素（图的底色）画到 canvas 上取出来
        corner = page.evaluate("""() => { const img = document.querySelector('img.mmdl-figure');
            const c = document.createElement('canvas'); c.width = c.height = 1;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0, 1, 1, 0, 0, 1, 1);
            const [r, gg, b] = g.getImageData(0, 0, 1, 1).data; return `rgb(${r}, ${gg}, ${b})`; }""")
        code = page.evaluate("() => getComputedStyle(document.querySelector('div.highlight')).backgroundColor")
        assert is_dark(corner), f"{doc}：深色模式下图的底色是 {corner}"
        assert is_dark(code), f"{doc}：深色模式下代码块的底色是 {code}"
    finally:
        ctx.close()


# ---- 搜索结果页（结果很多的查询）：摘要的对比度 ----

SEARCH_QUERIES = ("卷积", "反向传播")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("word", SEARCH_QUERIES)
def test_axe_search_results_page(browser, site_url, word, scheme):
    """搜索页列出结果与摘要之后再交给 axe（摘要是 Sphinx 事后取回页面生成的）：两种配色都没有严重问题；
    每条摘要都不从“运行验证”一行（“最近一次运行于”、库版本）开始——摘要取的是正文。"""
    ctx = new_context(browser, scheme, count_fetches=True)
    try:
        page = search_page(ctx, site_url, word)
        settle(page)
        summaries = page.evaluate("() => [...document.querySelectorAll('#search-results p.context')].map(p => p.innerText)")
        n = len(summaries)
        assert n >= 5, f"搜 {word!r} 只有 {n} 条摘要，不够检查"
        verified = [t[:80] for t in summaries if "最近一次运行于" in t or "主环境：" in t]
        assert not verified, f"搜 {word!r}：{len(verified)}/{n} 条摘要含“运行验证”一行：{verified[:3]}"
        bad = axe_check(page, scheme, f"search-{word}")
        assert not bad, f"搜索 {word!r}（{scheme}，{n} 条摘要）有严重的无障碍问题：\n" + "\n".join(bad)
        save_screenshot(page, f"schemes/search-{word}-{scheme}")
        assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
    finally:
        ctx.close()


# ---- 图的替代文字（静态检查，不需要浏览器，但与本文件其余检查同属无障碍） ----

def test_figures_have_alt_text_from_their_titles():
    if site_missing_reason():
        pytest.skip(site_missing_reason())
    problems, checked = [], 0
    for doc in docnames():
        for rel, box in examples_on_page(parse_html(page_path(doc))):
            figs = [img for img in box.iter("img") if img.has_class("mmdl-figure")]
            if not figs or rel is None:
                continue
            titles = (runner.load_stamp(SETTINGS, rel) or {}).get("figure_titles", [])
            for i, img in enumerate(figs):
                alt = img.attrs.get("alt", "").strip()
                checked += 1
                if not alt or re.search(r"生成的图 \d|fig-\d", alt):
                    problems.append(f"{doc}: {rel} 的第 {i + 1} 张图替代文字没有意义：{alt!r}")
                    continue
                info = titles[i] if i < len(titles) else {}
                title = info.get("suptitle") or next((a["title"] for a in info.get("axes", []) if a["title"]), "")
                title = re.sub(r"\$([^$]*)\$", lambda m: m.group(1).replace("\\", ""), title)
                if title and " ".join(title.split())[:10] not in alt:
                    problems.append(f"{doc}: {rel} 的第 {i + 1} 张图标题是 {title!r}，替代文字却是 {alt!r}")
    assert checked, "网站上没有示例的图"
    assert not problems, "\n".join(problems)
