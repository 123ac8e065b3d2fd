"""无障碍与外观：axe-core（axe-playwright-python 自带，不联网）检查每一页，浅色与深色两种配色；
列出结果的搜索页（结果很多的查询）也在两种配色下检查；
只用键盘能到达搜索框、框架标签页、复制按钮、下载链接和深色模式开关；深色模式的开关会被记住；
404 页在任何深度的缺页地址下都完整显示；示例的图有取自图标题的替代文字。

代码块里的记号按“类名、颜色、底色、字体”每种挑一个代表交给 axe（同样的组合对比度相同），页面其余部分
逐个元素检查；这样一页不必逐个检查上万个记号。axe 的全部结果（含 moderate、minor）写到 _build/a11y/<配色>/<页面>.json，深色模式的整页截图写到
_build/screenshots/dark/<页面>.png，供人查看。严重程度为 critical 或 serious 的问题让测试失败。

没有 Chromium、playwright 或 axe-playwright-python 时跳过并说明原因；--strict-skips（CI）时改为失败。
"""
import json
import re

import pytest

import runner
from browser_support import (
    VIEWPORT,
    Recorder,
    all_pages,
    chromium_browser,
    chromium_path,
    docnames,
    examples_on_page,
    html_dir,
    page_path,
    parse_html,
    screenshot_dir,
    served_site,
    site_missing_reason,
)
from support import SETTINGS

SCHEMES = ("light", "dark")
FAILING_IMPACTS = ("critical", "serious")
THEME_KEY = "mmdl-theme"


def unavailable_reason():
    reason = site_missing_reason()
    if reason:
        return reason
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"无障碍测试需要 Python 包 playwright 与 axe-playwright-python（见 requirements.txt）：{exc}"
    if chromium_path() is None:
        return "无障碍测试需要 Chromium：sudo apt-get install chromium（或用 --chromium / MMDL_CHROMIUM 指定可执行文件）"
    return None


REASON = unavailable_reason()
PAGES = all_pages() if site_missing_reason() is None else []


@pytest.fixture(scope="module")
def _available():
    if REASON:
        pytest.skip(REASON)  # --strict-skips（CI）时 conftest.py 把它算作失败


@pytest.fixture(scope="module")
def site_url(_available):
    with served_site() as url:  # 与 make serve 相同：缺页时回答 404.html
        yield url


@pytest.fixture(scope="module")
def browser(_available):
    with chromium_browser() as b:
        yield b


def new_context(browser, site_url, scheme="light", expected_status=()):
    """一个浏览器上下文；请求、控制台与页面错误由与浏览器测试相同的 Recorder 记录（外部请求一律拦截）。"""
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN", color_scheme=scheme)
    ctx.set_default_timeout(30_000)
    ctx.recorder = Recorder(ctx, expected_status)
    return ctx


def settle(page):
    """等图片与 MathJax 都完成：axe 看到的是读者最终看到的页面。"""
    page.evaluate("""() => Promise.all([...document.images].map(img => img.complete ? null :
        new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })))""")
    page.evaluate("""() => (window.MathJax && MathJax.startup && MathJax.startup.promise)
        ? MathJax.startup.promise.then(() => document.fonts.ready).then(() => true) : true""")


# 代码块里每个词法记号都是一个 <span>，一页上万个；axe 的对比度检查逐个去算，占了它四分之三的时间。
# 同一种记号（类名、字体）在同样的底色上、用同样的颜色，对比度就一样：每一种这样的组合在页面上挑一个
# 代表（连同直接含有文字的 <pre>，如示例输出），标上 data-mmdl-axe，单独给 axe 查；页面其余部分照常全查。
JS_MARK_CODE_SAMPLES = """() => {
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'transparent' && !bg.endsWith(', 0)')) return bg;
    }
    return 'none';
  };
  const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const seen = new Set();
  let blocks = 0, samples = 0;
  for (const block of document.querySelectorAll('div.highlight')) {
    blocks++;
    for (const el of [...block.querySelectorAll('pre'), ...block.querySelectorAll('pre *')]) {
      if (!ownText(el) || !el.getClientRects().length) continue;
      const s = getComputedStyle(el);
      const key = [el.tagName, el.className, s.color, background(el), s.fontSize, s.fontWeight, s.opacity].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      el.setAttribute('data-mmdl-axe', '');
      samples++;
    }
  }
  return {blocks, samples};
}"""


def axe_violations(page):
    """axe 的全部规则，两遍：对比度以外的规则查整页；对比度查代码块以外的部分与代码块里每种记号的代表。

    第二遍的上下文里，被排除的代码块中再包含标了 data-mmdl-axe 的代表：axe 按离元素最近的 include/exclude 判断。
    """
    from axe_playwright_python.sync_playwright import Axe

    marked = page.evaluate(JS_MARK_CODE_SAMPLES)
    assert not marked["blocks"] or marked["samples"], f"页面有 {marked['blocks']} 个代码块，却没有挑出可查的记号"
    runs = [(None, {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}),
            ({"include": [["html"], ["[data-mmdl-axe]"]], "exclude": [["div.highlight"]]},
             {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast"]}})]
    axe, merged = Axe(), {}
    for context, options in runs:
        for v in axe.run(page, context=context, options=options).response["violations"]:
            if v["id"] in merged:
                merged[v["id"]]["nodes"] += v["nodes"]
            else:
                merged[v["id"]] = v
    return list(merged.values())


def describe(v):
    nodes = "; ".join(" ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
    return f"[{v['impact']}] {v['id']}（{len(v['nodes'])} 处）：{v['help']} —— {nodes}"


def run_axe(browser, site_url, path, scheme, record_as, expected_status=()):
    ctx = new_context(browser, site_url, scheme, expected_status)
    try:
        page = ctx.new_page()
        page.goto(site_url + path, wait_until="load")
        settle(page)
        violations = axe_violations(page)
        out = html_dir().parent / "a11y" / scheme / f"{record_as}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
        if scheme == "dark":
            shot = screenshot_dir() / "dark" / f"{record_as}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
        return violations, ctx.recorder.problems()
    finally:
        ctx.close()


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


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("docname", PAGES)
def test_axe_no_serious_violations(browser, site_url, docname, scheme):
    violations, problems = run_axe(browser, site_url, docname + ".html", scheme, docname)
    bad = [describe(v) for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not bad, f"{docname}.html（{scheme}）有严重的无障碍问题：\n" + "\n".join(bad)
    assert not problems, "\n".join(problems)


# ---- 404 页 ----

MISSING = ["no-such-page.html", "basics/no-such-page.html", "basics/a/b/c/no-such-page.html", "libraries/gone/"]


@pytest.mark.parametrize("path", MISSING)
def test_404_page_works_at_any_depth(browser, site_url, path):
    ctx = new_context(browser, site_url, expected_status=(404,))
    try:
        page = ctx.new_page()
        resp = page.goto(site_url + path, wait_until="load")
        assert resp.status == 404
        assert "找不到这一页" in page.title() + page.inner_text("h1")
        # 样式、脚本都加载了（链接是从网站根开始的绝对路径），侧栏有全部章节
        assert page.evaluate("() => getComputedStyle(document.querySelector('.wy-nav-side')).position") == "fixed"
        assert page.locator(".wy-menu-vertical a[href$='basics/backprop.html']").count() == 1
        assert not ctx.recorder.problems(), "\n".join(ctx.recorder.problems())
        page.locator("div[role=main] a", has_text="首页").click()
        page.wait_for_load_state("load")
        assert page.url.rstrip("/").endswith(("index.html", site_url.rstrip("/"))), page.url
    finally:
        ctx.close()
    violations, problems = run_axe(browser, site_url, path, "dark", "404-" + re.sub(r"\W+", "-", path), (404,))
    assert not problems, "\n".join(problems)
    bad = [describe(v) for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not bad, "\n".join(bad)


# ---- 键盘 ----

def page_with_everything():
    """一个同时有框架标签页、示例（复制按钮、下载链接）的页面。"""
    for doc in docnames():
        tree = parse_html(page_path(doc))
        if any(True for _ in tree.iter("div", "sd-tab-set")) and examples_on_page(tree):
            return doc
    return None


JS_ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const kind = el.matches('#rtd-search-form input[name=q], input[name=q]') ? 'search'
    : el.matches('.sd-tab-set > input') ? 'tab'
    : el.matches('button.copybtn') ? 'copy'
    : el.matches('a.download, .mmdl-downloads a') ? 'download'
    : el.matches('.mmdl-theme-toggle') ? 'theme' : 'other';
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el.matches('.sd-tab-set > input') ? el.nextElementSibling : el);
  return {kind, tag: el.tagName, visible: r.width > 0 || r.height > 0 || kind === 'tab',
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                   || style.boxShadow !== 'none'};
}"""


def test_keyboard_reaches_every_control(browser, site_url):
    doc = page_with_everything()
    if doc is None:
        pytest.skip("没有一个页面同时含框架标签页和示例")
    ctx = new_context(browser, site_url)
    try:
        page = ctx.new_page()
        page.goto(site_url + doc + ".html", wait_until="load")
        settle(page)
        seen, unstyled = {}, []
        for _ in range(600):
            page.keyboard.press("Tab")
            info = page.evaluate(JS_ACTIVE)
            if info is None:
                continue
            seen.setdefault(info["kind"], info)
            if info["kind"] != "other" and not info["outline"]:
                unstyled.append(info)
            if {"search", "tab", "copy", "download", "theme"} <= seen.keys():
                break
        missing = {"search", "tab", "copy", "download", "theme"} - seen.keys()
        assert not missing, f"{doc}.html：只用 Tab 键到达不了 {sorted(missing)}（到达了 {sorted(seen)}）"
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
        ctx = new_context(browser, site_url, system)
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
    ctx = new_context(browser, site_url, "dark")
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
    """搜索页列出结果与摘要之后再交给 axe（摘要是 Sphinx 事后取回页面生成的）：两种配色都没有严重问题。"""
    from urllib.parse import quote

    ctx = new_context(browser, site_url, scheme)
    try:
        page = ctx.new_page()
        page.goto(site_url + "search.html?q=" + quote(word), wait_until="load")
        page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText.length > 0",
                               timeout=15_000)
        page.wait_for_load_state("networkidle")
        settle(page)
        n = page.evaluate("() => document.querySelectorAll('#search-results p.context').length")
        assert n >= 5, f"搜 {word!r} 只有 {n} 条摘要，不够检查"
        violations = axe_violations(page)
        out = html_dir().parent / "a11y" / scheme / f"search-{word}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations},
                                  ensure_ascii=False, indent=1), encoding="utf-8")
        bad = [describe(v) for v in violations if v["impact"] in FAILING_IMPACTS]
        assert not bad, f"搜索 {word!r}（{scheme}，{n} 条摘要）有严重的无障碍问题：\n" + "\n".join(bad)
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
