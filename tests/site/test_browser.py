"""在真的浏览器（无界面 Chromium + Playwright）里检查读者看到的网站。

网站（默认 $BUILDDIR/html，--site / MMDL_HTML_DIR 可改）在 127.0.0.1 的临时端口上通过 http 提供；浏览器与服务器
每个 pytest 进程各一个（tests/site/conftest.py），每个测试用自己的新浏览器上下文。
每个页面每种配色只打开一次，一次打开里做完全部检查（test_page_in_browser，按页面的 docname 参数化）：
  控制台无错误、无失败的请求、除 127.0.0.1 外不请求任何主机（全部请求都记录下来，外部请求直接拦截）；
  axe-core 没有查出严重的无障碍问题（浅色与深色两种配色，规则见 tests/site/test_a11y.py）；
  图片都加载出来（naturalWidth > 0），示例的图一张不少；有公式的页面 MathJax 排好了版、没有残留的 LaTeX；
  复制按钮复制的正是示例程序本身（没有提示符、行号）；
  同一页的框架标签页同步切换；手机宽度（390px）下没有内容被截掉；
  给了 --screenshots=DIR（MMDL_SCREENSHOT_DIR）时，整页截图写到 DIR/<页面>.png 与 DIR/dark/<页面>.png，供人查看。
下载链接指向的文件由 tests/site/test_site.py 的 test_every_example_offers_its_script_and_a_notebook 检查。
另有：搜索（中英文术语都把读者带到对应章节，摘要里的公式已排版）与标签选择跨页面保持。

没有 Chromium 或 playwright 时跳过并说明原因（没有 axe-playwright-python 时，逐页检查做完浏览器部分后跳过
并说明原因）；--strict-skips（CI）时改为失败。
"""
from urllib.parse import urlsplit

import pytest

import runner
from browser_support import (
    SEARCH_CASES,
    SEARCH_TOP,
    SETTINGS,
    TEX_LEFTOVER,
    VIEWPORT,
    all_pages,
    axe_check,
    axe_missing_reason,
    docnames,
    examples_on_page,
    new_context,
    page_path,
    parse_html,
    save_screenshot,
    search_page,
    settle,
    settle_requests,
    site_missing_reason,
)

PHONE = {"width": 390, "height": 844}
TAB_STORAGE_PREFIX = "sphinx-design-tab-id-"
SCHEMES = ("light", "dark")

# 网站还没构建时不能对空列表参数化（那样连“跳过”的原因都没有）：给一个说明原因的跳过参数
PAGES = all_pages() if site_missing_reason() is None else [
    pytest.param("-", marks=pytest.mark.skip(reason=site_missing_reason()))]


@pytest.fixture
def context(browser):
    """一个新的浏览器上下文（可读写剪贴板，数页面里的 fetch()），测试结束时关掉。"""
    ctx = new_context(browser, permissions=["clipboard-read", "clipboard-write"], count_fetches=True)
    yield ctx
    ctx.close()


def open_page(context, site_url, path):
    """打开页面，等到 load 事件、图片（包括隐藏标签页里的）全部加载完或失败。"""
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    settle(page, mathjax=False)
    return page


def wait_for_mathjax(page):
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready).then(() => true)")


# ---- 每个页面一次：全部检查 ----

JS_VISIBLE_TEXT = """(selector) => {
  // 可见的文字，不含代码块与 MathJax 的输出
  const main = document.querySelector(selector);
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('pre, code, script, style, mjx-container, .MathJax')) continue;
    if (!n.parentElement.checkVisibility()) continue;
    out.push(n.textContent);
  }
  return out.join('');
}"""


def check_images(page, static_tree):
    problems = []
    broken = page.evaluate("() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))"
                           ".map(i => i.getAttribute('src'))")
    problems += [f"图片没有显示出来：{src}" for src in broken]
    expected = sum(1 for img in static_tree.iter("img") if img.has_class("mmdl-figure"))
    shown = page.evaluate("() => [...document.querySelectorAll('img.mmdl-figure')].filter(i => i.naturalWidth > 0).length")
    if shown != expected:
        problems.append(f"示例的图应有 {expected} 张，浏览器里显示了 {shown} 张")
    return problems


def check_math(page, static_tree):
    n_math = sum(1 for el in static_tree.iter() if el.has_class("math"))
    if not n_math:
        return []
    wait_for_mathjax(page)
    problems = []
    typeset = page.evaluate("() => document.querySelectorAll('[role=\"main\"] mjx-container').length")
    if typeset < n_math:
        problems.append(f"页面有 {n_math} 处公式，MathJax 只排出了 {typeset} 处")
    errors = page.evaluate("() => [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent)")
    problems += [f"MathJax 报错：{e}" for e in errors]
    text = page.evaluate(JS_VISIBLE_TEXT, '[role="main"]')
    m = TEX_LEFTOVER.search(text)
    if m:
        problems.append(f"正文里留有未排版的 LaTeX：{text[max(0, m.start() - 40): m.end() + 40]!r}")
    return problems


def check_copy_buttons(page, examples):
    """点每个可见示例代码块的复制按钮，剪贴板里应当正好是示例程序（无提示符、无行号）。"""
    problems = []
    boxes = page.locator("div.mmdl-example")
    for i, (rel, _) in enumerate(examples):
        code = boxes.nth(i).locator("div.highlight").first
        if not code.is_visible():
            continue  # 在未选中的标签页里
        code.locator("button.copybtn").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        expected = "\n".join(runner.parsed(SETTINGS, rel).shown_lines())  # 页面上显示的行（不含构建标记）
        if copied.rstrip("\n") != expected.rstrip("\n"):
            problems.append(f"复制按钮复制的 {rel} 与程序不同：开头是 {copied[:120]!r}")
    # 含提示符（>>>、$）的代码块：复制结果里不应再有提示符
    prompts = page.locator("div.highlight:has(.gp)")
    for i in range(prompts.count()):
        block = prompts.nth(i)
        if not block.is_visible():
            continue
        block.locator("button.copybtn").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        bad = [ln for ln in copied.splitlines() if ln.startswith((">>> ", "... ", "$ "))]
        if not copied.strip() or bad:
            problems.append(f"复制按钮复制了提示符：{copied[:120]!r}")
    return problems


JS_CLIPPED = """(width) => {
  // 超出屏幕右边、又没有自己的横向滚动条的元素：主题外层是 overflow-x: hidden，超出部分读者根本看不到
  const nearest = new Map();
  const scroller = (el) => {
    if (!el || el === document.body) return 'hidden';
    if (nearest.has(el)) return nearest.get(el);
    const o = getComputedStyle(el).overflowX;
    const r = o === 'visible' ? scroller(el.parentElement) : o;
    nearest.set(el, r);
    return r;
  };
  const out = [];
  for (const el of document.querySelectorAll('[role="main"] *')) {
    if (el.closest('pre, mjx-assistive-mml')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
    const how = scroller(el.parentElement);
    if (how === 'auto' || how === 'scroll') continue;
    if (out.some(o => o.el.contains(el))) continue;
    out.push({el, what: el.tagName.toLowerCase() + ' ' + (el.textContent || el.getAttribute('src') || '').trim().slice(0, 50)});
  }
  return out.map(o => o.what);
}"""


def check_narrow_screen(page):
    """手机宽度（390px）下，没有内容被截掉：宽公式、代码、图片要么缩小，要么自带横向滚动条。"""
    page.set_viewport_size(PHONE)
    clipped = page.evaluate(JS_CLIPPED, PHONE["width"])
    page.set_viewport_size(VIEWPORT)
    return [f"在 {PHONE['width']}px 宽的屏幕上右边被截掉：{c}" for c in clipped]


def check_tab_sync(page):
    """同一页里：在第一个标签组选中一个未选中的框架，其余同组标签组都跟着切换，并记进 localStorage。"""
    plan = page.evaluate("""() => {
      const labels = [...document.querySelectorAll('.sd-tab-set > label.sd-tab-label[data-sync-id]')];
      for (const label of labels) {
        const input = document.getElementById(label.getAttribute('for'));
        const group = label.dataset.syncGroup, id = label.dataset.syncId;
        const same = labels.filter(l => l.dataset.syncGroup === group && l.dataset.syncId === id);
        if (!input.checked && same.length > 1) return {group, id, forId: label.getAttribute('for')};
      }
      return null;
    }""")
    if plan is None:
        return []
    page.locator(f"label[for='{plan['forId']}']").click()
    state = page.evaluate("""([group, id, prefix]) => ({
      unchecked: [...document.querySelectorAll(`label.sd-tab-label[data-sync-group="${group}"][data-sync-id="${id}"]`)]
        .filter(l => !document.getElementById(l.getAttribute('for')).checked).length,
      stored: localStorage.getItem(prefix + group)})""", [plan["group"], plan["id"], TAB_STORAGE_PREFIX])
    problems = []
    if state["unchecked"]:
        problems.append(f"选中 {plan['id']} 后，还有 {state['unchecked']} 个同组标签页没有切换过去")
    if state["stored"] != plan["id"]:
        problems.append(f"选择没有存进 localStorage：{state['stored']!r}")
    return problems


def check_scheme_once(context, site_url, docname, scheme, static_tree):
    """在一种配色下打开页面一次，做完这种配色的全部检查，返回发现的问题。

    先做只看不动的检查，axe 看到的是读者刚打开时的页面（手机宽度的检查在 axe 之前：axe 为查对比度会滚动
    页面里的元素，之后量出的位置不再是读者看到的），最后做会改动页面的（点复制按钮、切换标签页）。
    浅色：图片、公式、手机宽度、axe、复制按钮、标签页同步；深色：axe（深色配色的对比度）。
    """
    page = open_page(context, site_url, docname + ".html")
    problems = []
    if scheme == "light":
        problems += check_images(page, static_tree)
        problems += check_math(page, static_tree)
        problems += check_narrow_screen(page)
    settle(page)  # MathJax 排完版（没有公式的页面若也载入了 MathJax，同样等它）
    if axe_missing_reason() is None:
        problems += [f"（{scheme}）无障碍：{v}" for v in axe_check(page, scheme, docname)]
    save_screenshot(page, docname if scheme == "light" else f"dark/{docname}")
    if scheme == "light":
        problems += check_copy_buttons(page, examples_on_page(static_tree))
        problems += check_tab_sync(page)
    return problems


@pytest.mark.parametrize("docname", PAGES)
def test_page_in_browser(browser, site_url, docname):
    static_tree = parse_html(page_path(docname))
    problems = []
    for scheme in SCHEMES:
        context = new_context(browser, scheme, permissions=["clipboard-read", "clipboard-write"])
        try:
            found = check_scheme_once(context, site_url, docname, scheme, static_tree)
            settle_requests(context)
            found += context.recorder.problems()
            requested = [u for u in context.recorder.requests if urlsplit(u).path.endswith(docname + ".html")]
            assert requested, f"{docname}.html 没有被请求（记录到的请求：{context.recorder.requests[:5]}）"
            problems += [f"（{scheme}）{p}" for p in found]
        finally:
            context.close()
    assert not problems, f"{docname}.html：\n" + "\n".join(problems)
    reason = axe_missing_reason()
    if reason:
        pytest.skip(f"浏览器检查都通过了，无障碍检查没有做：{reason}")


# ---- 搜索 ----

def search_results(context, site_url, word):
    page = search_page(context, site_url, word)  # 结果全部列出、每条的摘要都取回来了
    hits = page.evaluate("() => [...document.querySelectorAll('#search-results ul.search li > a')]"
                         ".map(a => [a.getAttribute('href'), Number(a.dataset.score)])")
    best = {}  # 页面 → 它最好的一条结果的得分（searchtools.js 按得分排序，同分按标题字母序）
    for href, score in hits:
        doc = urlsplit(href).path.removesuffix(".html")
        best[doc] = max(score, best.get(doc, score))
    return page, best


def rank(best, doc):
    """名次：得分严格更高的页面数 + 1（同分不分先后）；没搜到时为 None。"""
    if doc not in best:
        return None
    return 1 + sum(1 for s in best.values() if s > best[doc])


@pytest.mark.parametrize("word", sorted(SEARCH_CASES))
def test_search_finds_the_chapter(context, site_url, word):
    expected = [d for d in SEARCH_CASES[word] if page_path(d).is_file()]
    assert expected, f"搜索用例 {word!r} 期望的章节 {SEARCH_CASES[word]} 一个也不存在（改名了？请更新 SEARCH_CASES）"
    page, best = search_results(context, site_url, word)
    problems = []
    # 摘要里的公式由 mmdl-search.js + MathJax 排版，不留 TeX 原文
    try:
        page.wait_for_function("""() => [...document.querySelectorAll('#search-results p.context')]
            .every(p => p.hasAttribute('data-mmdl-math') && !/\\\\[()\\[\\]]/.test(
              [...p.childNodes].filter(n => n.nodeType === 3).map(n => n.nodeValue).join('')))""", timeout=10_000)
    except Exception:  # noqa: BLE001
        text = page.evaluate(JS_VISIBLE_TEXT, "#search-results")
        m = TEX_LEFTOVER.search(text)
        problems.append(f"搜索结果的摘要里留有未排版的 TeX：{text[max(0, m.start() - 40): m.end() + 40] if m else text[:200]!r}")
    settle_requests(context)
    problems += context.recorder.problems()
    assert not problems, f"搜索 {word!r} 时：\n" + "\n".join(problems)
    ranks = [r for r in (rank(best, d) for d in expected) if r is not None]
    ordered = sorted(best.items(), key=lambda kv: -kv[1])[:8]
    assert ranks and min(ranks) <= SEARCH_TOP, (
        f"搜索 {word!r}：期望 {expected} 排在前 {SEARCH_TOP} 名，实际结果（页面, 得分）是 {ordered}")


def test_search_typesets_results_that_arrive_while_it_is_typesetting(context, site_url):
    """搜索结果一条一条异步加进来；mmdl-search.js 排版期间断开观察者，这段时间里加进来的结果也要排版。
    （CI 里真发生过：机器忙时，一条摘要正好在排版期间到达，公式留着 TeX 原文。）这里把排版拖慢到 1 秒，
    在排版进行中加一条带公式的摘要，它也要被处理、排版。"""
    page = search_page(context, site_url, "梯度")
    page.wait_for_function("() => [...document.querySelectorAll('#search-results p.context')]"
                           ".every(p => p.hasAttribute('data-mmdl-math'))", timeout=10_000)
    page.evaluate("""() => {
      const real = MathJax.typesetPromise.bind(MathJax);
      window.__mmdlTypesets = 0;
      MathJax.typesetPromise = (els) => { window.__mmdlTypesets += 1;
        return new Promise((ok) => setTimeout(ok, 1000)).then(() => real(els)); };
      const add = (id) => { const li = document.createElement('li'), p = document.createElement('p');
        p.className = 'context'; p.id = id; p.textContent = '...先看 \\\\(a^2 + b^2\\\\) 再说';
        li.appendChild(p); document.querySelector('#search-results ul.search').appendChild(li); };
      add('mmdl-late-1');                    // 100 ms 后开始排版，排版持续 1 秒
      setTimeout(() => add('mmdl-late-2'), 500);  // 排版进行中到达
    }""")
    try:
        page.wait_for_function("""() => ['mmdl-late-1', 'mmdl-late-2'].every(id => {
            const p = document.getElementById(id);
            return p.hasAttribute('data-mmdl-math') && p.querySelector('mjx-container') !== null; })""", timeout=10_000)
    except Exception:  # noqa: BLE001
        state = page.evaluate("""() => ['mmdl-late-1', 'mmdl-late-2'].map(id => { const p = document.getElementById(id);
            return [id, p.hasAttribute('data-mmdl-math'), p.innerHTML.slice(0, 120)]; })""")
        pytest.fail(f"排版期间到达的搜索结果没有排版：{state}", pytrace=False)
    assert page.evaluate("window.__mmdlTypesets") >= 2, "两条摘要应当分两次排版（第二条在第一次排版期间到达）"


# ---- 标签选择跨页面保持 ----

def tab_ids(docname):
    """页面里各同步组的标签 id：{组: 集合}。"""
    out = {}
    for label in parse_html(page_path(docname)).iter("label", "sd-tab-label"):
        g, i = label.attrs.get("data-sync-group"), label.attrs.get("data-sync-id")
        if g and i:
            out.setdefault(g, set()).add(i)
    return out


def test_tab_choice_persists_to_the_next_page(context, site_url):
    with_tabs = [(d, tab_ids(d)) for d in docnames()]
    with_tabs = [(d, t) for d, t in with_tabs if t]
    pair = None
    for a, ta in with_tabs:
        for b, tb in with_tabs:
            if a == b:
                continue
            for group in ta.keys() & tb.keys():
                shared = sorted(ta[group] & tb[group])
                if shared:
                    pair = (a, b, group, shared)
                    break
            if pair:
                break
        if pair:
            break
    assert pair is not None, "没有两个页面含同一组的框架标签页：标签页同步无从检查"
    a, b, group, shared = pair
    page = open_page(context, site_url, a + ".html")
    default = page.evaluate("""(group) => {
      const l = [...document.querySelectorAll(`label.sd-tab-label[data-sync-group="${group}"]`)]
        .find(l => document.getElementById(l.getAttribute('for')).checked);
      return l ? l.dataset.syncId : null; }""", group)
    choice = next((s for s in shared if s != default), shared[0])
    page.locator(f"label.sd-tab-label[data-sync-group='{group}'][data-sync-id='{choice}']").first.click()
    page.goto(site_url + b + ".html", wait_until="load")
    # 下一页里每个含这个选项的标签组，都应当选中它
    state = page.evaluate("""([group, id]) => [...document.querySelectorAll('.sd-tab-set')].map(set => {
        const labels = [...set.querySelectorAll(`:scope > label.sd-tab-label[data-sync-group="${group}"]`)];
        const mine = labels.find(l => l.dataset.syncId === id);
        return mine ? document.getElementById(mine.getAttribute('for')).checked : null;
      }).filter(x => x !== null)""", [group, choice])
    assert state and all(state), f"在 {a} 选了 {choice}，打开 {b} 时含 {choice} 的标签组选中情况：{state}"
    assert not context.recorder.problems(), "\n".join(context.recorder.problems())
