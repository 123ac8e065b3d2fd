"""读者体验测试（tests/site/test_site.py、tests/site/test_browser.py、tests/test_a11y.py）共用的小工具。

- 网站位置：默认 ``$MMDL_GEN_DIR/html``（make 的 ``BUILDDIR``，默认 ``_build``；``make test`` 先构建它），
  ``--site``（MMDL_HTML_DIR）可改；截图只在给了 ``--screenshots=DIR``（MMDL_SCREENSHOT_DIR）时才拍
  （截图什么也不断言，CI 用这个开关把它们留作制品；开关都在 tests/switches.py）；
- 一个只用标准库的 HTML 解析器（把页面解析成一棵小树，足够做静态检查）；
- 搜索用例：每个词应当把读者带到哪一章；
- 浏览器：系统的 Chromium（从不下载浏览器）与在临时端口上提供网站的本地服务器（与 make serve 相同）；
  tests/site/conftest.py 让每个 pytest 进程（xdist 的每个工作进程）只启动一个浏览器、一个服务器，
  每个测试用自己的新浏览器上下文（new_context）。
"""
import contextlib
import json
import os
import re
import shutil
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import runner
import switches
from support import SETTINGS

ROOT = runner.ROOT
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from serve import make_server  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000


def chromium_path():
    """Debian 的 /usr/bin/chromium，或 PATH 上的 chromium / chromium-browser；--chromium（MMDL_CHROMIUM）可指定
    别的可执行文件（设置了就只用它）。从不下载浏览器。"""
    explicit = switches.get().chromium
    candidates = [explicit] if explicit else ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and os.path.isfile(c) and os.access(c, os.X_OK)), None)


def browser_unavailable_reason(axe=False):
    """浏览器测试（axe=True 时：无障碍测试）缺什么；什么都不缺时为 None。"""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"浏览器测试需要 Python 包 playwright（pip install playwright；不必下载它的浏览器）：{exc}"
    if axe:
        try:
            import axe_playwright_python  # noqa: F401
        except ImportError as exc:
            return f"无障碍测试需要 Python 包 axe-playwright-python（见 requirements.txt）：{exc}"
    if chromium_path() is None:
        return "浏览器测试需要 Chromium：sudo apt-get install chromium（或用 --chromium / MMDL_CHROMIUM 指定可执行文件）"
    return None


@contextlib.contextmanager
def chromium_browser():
    """无界面的系统 Chromium（Playwright 驱动）；退出时关掉浏览器与 Playwright。"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def served_site():
    """在 127.0.0.1 的临时端口上提供构建好的网站（缺页时回答 404.html，与 make serve 相同）；产出网站的地址。"""
    server = make_server(html_dir())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
EXAMPLES = SETTINGS.examples

# 搜索词 → 应当出现在前几条结果里的章节（任一即可）。列出的章节一个都不存在时测试失败（章节改名要改这里）。
SEARCH_CASES = {
    "反向传播": ["basics/backprop"],
    "激活函数": ["basics/activation"],
    "梯度下降": ["basics/optimizers", "basics/regression"],
    "权重衰减": ["basics/weight_decay"],
    "损失函数": ["basics/losses"],
    "交叉熵": ["basics/losses"],
    "感知机": ["basics/perceptron"],
    "决策树": ["basics/learning_styles"],
    "线性回归": ["basics/regression"],
    "过拟合": ["basics/weight_decay"],
    "监督学习": ["basics/concepts", "basics/learning_styles"],
    "广播": ["libraries/numpy"],
    "ReLU": ["basics/activation"],
    "Adam": ["basics/optimizers"],
    "softmax": ["basics/activation", "basics/losses"],
    "虚拟环境": ["basics/install"],
    "人工智能": ["basics/concepts"],
    "强化学习": ["basics/learning_styles"],
    "数据集": ["basics/datasets"],
    "链式法则": ["basics/backprop"],
    "动量法": ["basics/optimizers"],
    "子图": ["libraries/matplotlib"],
    "GradientTape": ["libraries/tensorflow"],
    "autograd": ["libraries/mxnet"],
    "DataFrame": ["libraries/pandas"],
    "批量归一化": ["basics/deep_training"],
    "卷积": ["basics/cnn"],
    "池化": ["basics/cnn"],
    "感受野": ["basics/cnn"],
    "残差": ["basics/modern_cnn"],
    "残差块": ["basics/modern_cnn"],
    "全局平均池化": ["basics/modern_cnn"],
    "ResNet": ["basics/modern_cnn"],
    "暂退法": ["basics/deep_training"],
    "dropout": ["basics/deep_training"],
    "学习率调度": ["basics/deep_training"],
    "早停": ["basics/deep_training"],
    "注意力": ["basics/attention"],
    "多头注意力": ["basics/attention"],
    "自注意力": ["basics/attention"],
    "位置编码": ["basics/attention"],
    "掩码": ["basics/attention"],
    "Transformer": ["basics/attention"],
}
SEARCH_TOP = 3  # 期望的章节要排在前 3 个页面之内（同分的页面算同一名次）


def html_dir():
    return switches.get().site_dir


def screenshot_dir():
    """截图目录；没有给 --screenshots（MMDL_SCREENSHOT_DIR）时为 None：不拍截图。"""
    chosen = switches.get().screenshots
    return None if chosen is None else Path(chosen).resolve()


def save_screenshot(page, name):
    """整页截图写到 <截图目录>/<name>.png，供人查看（不断言任何东西）；截图没有打开时什么也不做。"""
    d = screenshot_dir()
    if d is None:
        return None
    shot = d / f"{name}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    return shot


def site_missing_reason():
    d = html_dir()
    if not (d / "index.html").is_file() or not (d / "searchindex.js").is_file():
        return f"没有构建好的网站 {d}（先运行 make html，或用 --site 指定目录）"
    return None


def pages_found_by(word):
    """搜索索引里含这个词（正文或标题）的页面（docname 的集合）。"""
    index = load_searchindex()
    hits = set()
    for table in ("terms", "titleterms"):
        hit = index[table].get(word.lower())
        if hit is not None:
            hits |= {hit} if isinstance(hit, int) else set(hit)
    return {index["docnames"][i] for i in hits}


def load_searchindex():
    text = (html_dir() / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def docnames():
    """构建出的全部文档（不含 genindex、search 这类生成页）。"""
    return list(load_searchindex()["docnames"])


def all_pages():
    """浏览器要逐个打开的页面：全部文档，加上搜索页与索引页。"""
    extra = [p for p in ("genindex", "search") if (html_dir() / f"{p}.html").is_file()]
    return docnames() + extra


def search_dictionary():
    """构建用的 jieba 用户词典（每行“词 [词频] [词性]”），由 docs/glossary.tsv 生成。"""
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    import glossary

    return glossary.search_dictionary(glossary.load())


def read_terms():
    """搜索词典里的词。"""
    out = []
    for line in search_dictionary().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split()[0])
    return out


# ---- 一棵小 HTML 树（标准库 html.parser） ----

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def has_class(self, name):
        return name in self.classes

    def iter(self, tag=None, cls=None):
        """深度优先遍历全部后代元素（可按标签、类过滤）。"""
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and (cls is None or child.has_class(cls)):
                    yield child
                yield from child.iter(tag, cls)

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(el)
        if tag not in VOID:
            self.cur = el

    def handle_startendtag(self, tag, attrs):
        el = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(el)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(path):
    b = _TreeBuilder()
    b.feed(Path(path).read_text(encoding="utf-8"))
    b.close()
    return b.root


def page_path(docname):
    return html_dir() / f"{docname}.html"


def resolve(page, url):
    """页面 page（html 文件路径）里的相对链接 url → (目标文件路径, 片段)；外部链接返回 None。"""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):  # 从网站根开始的地址（404 页的链接都是这样，见 conf.py 的 notfound_urls_prefix）
        target = html_dir() / unquote(parts.path).lstrip("/")
    else:
        target = page if not parts.path else (page.parent / unquote(parts.path))
    if parts.path.endswith("/"):
        target = target / "index.html"
    return Path(os.path.normpath(target)), unquote(parts.fragment)


def is_local_url(url):
    """浏览器里的请求是否只到本机（或根本不联网：data:、blob:、about:）。"""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


def examples_on_page(tree):
    """页面上每个示例：(示例相对路径, 示例的容器元素)。示例路径取自代码块标题。"""
    out = []
    for box in tree.iter("div", "mmdl-example"):
        # 代码块的标题（图的标题也是 caption-text；:diagram: 示例的图在代码之前）
        code = next(box.iter("div", "literal-block-wrapper"), None)
        caption = next(code.iter("span", "caption-text"), None) if code is not None else None
        rel = caption.text().strip() if caption is not None else None
        out.append((rel, box))
    return out


# 源文件里的换行留在两个汉字之间（浏览器会显示成一个多余的空格；docs/_ext/cjk_newlines.py 应已去掉）
CJK_LINEBREAK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][ \t]*\n\s*[\u4e00-\u9fff]")
TEX_LEFTOVER = re.compile(r"\\\(|\\\)|\\\[|\\\]|\\frac|\\begin\{|\\mathbf|\\sum|\\operatorname")


class Recorder:
    """记录一个浏览器上下文里发生的一切：请求、失败、错误状态码、控制台错误、页面异常；外部请求一律拦截。

    浏览器测试与无障碍测试共用它（同样严格）。``expected_status`` 是这次有意请求的错误状态码
    （404 页的测试请求一个不存在的地址），它们不算问题，其余照常报告。
    """

    def __init__(self, context, expected_status=()):
        self.requests, self.failed, self.bad_status, self.console, self.page_errors = [], [], [], [], []
        self.blocked, self.expected_status = [], tuple(expected_status)
        self.pending = set()  # 已经发出、还没有结果（完成或失败）的请求：settle_requests 等它们
        context.route(lambda url: not is_local_url(url), self._block)
        context.on("request", self._started)
        context.on("requestfinished", lambda r: self.pending.discard(r))
        context.on("requestfailed", self._failed)
        context.on("response", lambda r: r.status >= 400 and r.status not in self.expected_status
                   and self.bad_status.append(f"{r.status} {r.url}"))
        context.on("console", lambda m: m.type == "error" and self.console.append(f"{m.text} @ {m.location.get('url')}"))
        context.on("page", self._watch_page)

    def _started(self, request):
        self.requests.append(request.url)
        self.pending.add(request)

    def _failed(self, request):
        self.pending.discard(request)
        self.failed.append(f"{request.url}（{request.failure}）")

    def _block(self, route):
        self.blocked.append(route.request.url)
        route.abort()

    def _watch_page(self, page):
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def problems(self):
        expected = tuple(f"status of {s}" for s in self.expected_status)  # Chromium 为有意的 404 记一条控制台错误
        out = [f"控制台错误：{c}" for c in self.console if not (expected and any(e in c for e in expected))]
        out += [f"JavaScript 异常：{e}" for e in self.page_errors]
        out += [f"请求失败：{f}" for f in self.failed if not any(f.startswith(b) for b in self.blocked)]
        out += [f"HTTP 错误：{s}" for s in self.bad_status]
        out += [f"请求了外部主机（已拦截）：{u}" for u in self.blocked]
        out += [f"请求了外部主机：{u}" for u in self.requests if not is_local_url(u) and u not in self.blocked]
        return out


# 页面里每次 fetch() 的开始与结束（连同读完响应体之后、调用方的 .then 跑完之后）：搜索页为每条结果取回
# 页面生成摘要，等“开始数 = 结束数”就知道摘要都写好了，不必等 networkidle（它要求网络静默 500 毫秒）。
JS_COUNT_FETCHES = """(() => {
  const counts = window.__mmdlFetches = {started: 0, done: 0};
  const later = () => setTimeout(() => { counts.done++; }, 0);
  const upstream = window.fetch;
  window.fetch = function (...args) {
    counts.started++;
    return upstream.apply(this, args).then((response) => {
      for (const how of ['text', 'json', 'arrayBuffer', 'blob']) {
        const read = response[how].bind(response);
        response[how] = () => read().finally(later);
      }
      return response;
    }, (err) => { later(); throw err; });
  };
})();"""


def new_context(browser, scheme="light", expected_status=(), permissions=(), count_fetches=False):
    """一个新的浏览器上下文（测试之间互不影响）；请求、控制台与页面错误由 Recorder 记录（外部请求一律拦截）。
    count_fetches：在每个页面里数 fetch()（见 wait_for_fetches）。"""
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN", color_scheme=scheme, permissions=list(permissions))
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.recorder = Recorder(ctx, expected_status)
    if count_fetches:
        ctx.add_init_script(JS_COUNT_FETCHES)
    return ctx


JS_IMAGES_DONE = """() => Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })))"""
JS_MATHJAX_DONE = """() => (window.MathJax && MathJax.startup && MathJax.startup.promise)
    ? MathJax.startup.promise.then(() => document.fonts.ready).then(() => true) : true"""


def settle_requests(context, timeout_s=15):
    """等这个上下文里已经发出的请求都有了结果（完成或失败），Recorder 记录的问题才完整。

    代替 networkidle：那要等网络静默 500 毫秒；这里只等真正还没完成的请求（通常一个也没有）。
    超时还没完成的请求记作失败。"""
    recorder, pages = context.recorder, context.pages
    if not pages:
        return
    pages[-1].evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # 让已发出的请求事件先送到
    deadline = time.monotonic() + timeout_s
    while recorder.pending:
        if time.monotonic() > deadline:
            recorder.failed += [f"{r.url}（{timeout_s} 秒内没有完成）" for r in recorder.pending]
            break
        pages[-1].wait_for_timeout(20)


def settle(page, mathjax=True):
    """等图片（包括隐藏标签页里的）全部加载完或失败，再等 MathJax 排完版、它的字体就绪（页面有 MathJax 时）：
    之后检查的就是读者最终看到的页面。"""
    page.evaluate(JS_IMAGES_DONE)
    if mathjax:
        page.evaluate(JS_MATHJAX_DONE)


def search_page(context, site_url, word):
    """打开搜索页搜 word，等到结果全部列出（“搜索完成……”一行）、每条结果的摘要都取回并写好。
    搜索没有完成时测试失败并列出控制台的问题。上下文要用 new_context(..., count_fetches=True) 打开。"""
    from urllib.parse import quote

    import pytest

    page = context.new_page()
    page.goto(site_url + "search.html?q=" + quote(word), wait_until="load")
    try:
        # _finishSearch() 写出“搜索完成……”一行时结果已全部列出（Search._pulse_status 不可靠：
        # 停止后已排队的 pulse 回调会把它重新置为 0）；此前每条结果取摘要的 fetch() 都已开始
        page.wait_for_function("() => document.querySelector('#search-results .search-summary')?.innerText.length > 0",
                               timeout=15_000)
        page.wait_for_function("() => __mmdlFetches.done === __mmdlFetches.started", timeout=15_000)
    except Exception:  # noqa: BLE001
        problems = context.recorder.problems()
        pytest.fail(f"搜索 {word!r} 没有完成：" + ("\n".join(problems) or "（控制台没有错误）"), pytrace=False)
    return page


# ---- axe-core（axe-playwright-python 自带，不联网）：浏览器测试的逐页检查与无障碍测试共用 ----

FAILING_IMPACTS = ("critical", "serious")  # 这两种严重程度的问题让测试失败；其余只记进 _build/a11y/

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


def axe_missing_reason():
    return browser_unavailable_reason(axe=True)


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


def describe_violation(v):
    nodes = "; ".join(" ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
    return f"[{v['impact']}] {v['id']}（{len(v['nodes'])} 处）：{v['help']} —— {nodes}"


def axe_check(page, scheme, record_as):
    """对已经 settle 的页面跑 axe；全部结果（含 moderate、minor）写到 _build/a11y/<配色>/<record_as>.json
    供人查看；返回严重（critical、serious）问题的描述。"""
    violations = axe_violations(page)
    out = html_dir().parent / "a11y" / scheme / f"{record_as}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    return [describe_violation(v) for v in violations if v["impact"] in FAILING_IMPACTS]
