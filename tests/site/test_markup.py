"""中文里的 reST 行内标记：紧挨汉字的 **加粗**、``代码``、:math:`x` 会被 docutils 静默当成普通文字。

这类错误不产生警告（-W 也抓不到），只能在生成的 HTML 里找：正文（代码、公式之外）里不应
残留 ``**``、````` `` ````、``:math:`` 之类的标记字符。修法：在标记和汉字之间加空格或 ``\\ ``。
另一种形式：:math:`x`（ 的结束符后面紧跟全角括号时不算结束，docutils 一直找到下一个反引号，
把中间的正文（连同下一个 :math:）都当成公式——所以公式的内容里也不应出现反引号与 ``:math:``。
"""
from html.parser import HTMLParser

import pytest

from browser_support import html_dir

HTML = html_dir()
LEFTOVERS = ("**", "``", ":math:`", ":doc:`", ":ref:`", "`_")
SKIP_TAGS = {"pre", "code", "script", "style", "kbd", "tt"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0
        self.math_depth = 0
        self.in_body = False
        self.chunks = []
        self.math = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "div" and "rst-content" in cls:
            self.in_body = True
        if tag in SKIP_TAGS or "math" in cls.split():
            self.depth += 1
        if "math" in cls.split() or self.math_depth:
            self.math_depth += 1

    def handle_endtag(self, tag):
        if self.math_depth:
            self.math_depth -= 1
        if tag in SKIP_TAGS and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_body and self.math_depth:
            self.math.append(data)
        elif self.in_body and not self.depth:
            self.chunks.append(data)


def pages():
    if not HTML.is_dir():
        pytest.skip(f"没有生成的网站 {HTML}（先运行 make html）")
    return [p for p in sorted(HTML.rglob("*.html")) if p.name not in ("search.html", "genindex.html")
            and "_static" not in p.parts and "_modules" not in p.parts]


def test_no_unrendered_inline_markup_in_prose():
    problems = []
    for page in pages():
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        for chunk in parser.chunks:  # 公式（span.math）与代码已跳过
            for mark in LEFTOVERS:
                if mark in chunk:
                    problems.append(f"{page.relative_to(HTML)}: {mark!r} 在 “{chunk.strip()[:60]}”")
    assert not problems, "页面正文里残留未生效的行内标记：\n" + "\n".join(problems)


def test_no_prose_swallowed_by_math():
    problems = []
    for page in pages():
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        for formula in parser.math:
            if "`" in formula or ":math:" in formula:
                problems.append(f"{page.relative_to(HTML)}: 公式里有反引号（行内标记没有在该结束处结束）：{formula.strip()[:80]}")
    assert not problems, "公式吞进了正文：\n" + "\n".join(problems)
