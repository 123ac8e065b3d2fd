"""术语表：全站一个词表示一个概念。

docs/glossary.tsv 是唯一来源：术语表页面和中文搜索词典都由它生成（docs/_ext/glossary.py），
任何页面源文件（docs/**/*.rst、*.md）的正文里都不得出现禁用变体。代码（代码块、``行内代码``、
literalinclude 等）和紧跟在首选术语后面的全角括号（“独热编码（one-hot）”）不算正文。
"""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import glossary  # noqa: E402

ENTRIES = glossary.load()
PAGES = sorted(p for p in [*DOCS.rglob("*.rst"), *DOCS.rglob("*.md")] if "_ext" not in p.parts)
CODE_DIRECTIVE = re.compile(r"^(\s*)\.\. (code-block|code|sourcecode|literalinclude|example|example-tabs|"
                            r"math|raw|csv-table|highlight)::")
RST_LITERAL = re.compile(r"``.+?``|:(?:math|file|samp|kbd|command|program)?:`[^`]*`")
MD_LITERAL = re.compile(r"`[^`\n]+`")


def prose(text, markdown=False):
    """页面源文件里的正文：去掉代码块、公式块、行内代码与行内公式，其余行原样保留（行号不变）。"""
    out, fence, block_indent = [], False, None
    for line in text.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if markdown and stripped.startswith(("```", "~~~")):
            fence = not fence
            out.append("")
            continue
        if fence:
            out.append("")
            continue
        if block_indent is not None:
            if not stripped or indent > block_indent:
                out.append("")
                continue
            block_indent = None
        m = CODE_DIRECTIVE.match(line)
        if m:
            block_indent = len(m.group(1))
            out.append("")
            continue
        if not markdown and stripped.endswith("::") and not stripped.startswith(".. "):
            # “文字::” 后面缩进的是代码块
            block_indent = indent
            line = line[: line.rindex("::")]
        out.append(MD_LITERAL.sub(" ", line) if markdown else RST_LITERAL.sub(" ", line))
    return "\n".join(out)


def violations(text, markdown=False):
    """[(行号, 首选术语, 变体, 该行)]：正文里出现的每个禁用变体。"""
    body = prose(text, markdown)
    found = []
    for e in ENTRIES:
        # 紧跟在首选术语后面的全角括号里可以写出变体，例如“独热编码（one-hot）”
        allowed = re.compile(re.escape(e["术语"]) + r"(?:\*\*)?(?:\\ )?（[^）]*）")
        cleaned = allowed.sub(lambda m: " " * len(m.group()), body)
        for shown, pattern in e["variants"]:
            for m in pattern.finditer(cleaned):
                n = cleaned.count("\n", 0, m.start()) + 1
                found.append((n, e["术语"], shown, text.splitlines()[n - 1].strip()))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_banned_variant(page):
    found = violations(page.read_text(encoding="utf-8"), markdown=page.suffix == ".md")
    assert not found, "\n".join(f"{page.relative_to(ROOT)}:{n}: 用“{term}”，不用“{v}”：{line}"
                                for n, term, v, line in found)


def test_checker_finds_variants_and_skips_code():
    rst = ("非监督学习是一类方法。\n"
           "数值稳定的 Softmax\n"
           "用同样的批量梯度下降训练，也叫批梯度下降。\n"
           "全批量梯度下降和小批量梯度下降都可以。\n"
           "独热编码（one-hot）可以写在括号里，正文里的 one-hot 不行。\n"
           "``SoftmaxCrossEntropyLoss`` 与 ``one_hot`` 是代码。\n"
           "示例::\n\n    x = Softmax()  # 代码块\n\n"
           ".. code-block:: python\n\n   y = 'one-hot'\n\n"
           "之后的结点又是正文。\n")
    got = [(n, v) for n, _, v, _ in violations(rst)]
    assert sorted(got) == [(1, "非监督"), (2, "Softmax"), (3, "批梯度下降"),
                           (3, "批量梯度下降（不带“全”“小”）"), (5, "one-hot"), (15, "结点")]
    md = "```python\nSoftmax = 1\n```\n正文里的 `Softmax` 是代码，Softmax 不是。\n"
    assert [(n, v) for n, _, v, _ in violations(md, markdown=True)] == [(4, "Softmax")]


def test_entries_are_well_formed():
    terms = [e for e in ENTRIES if e["类别"] == "术语"]
    assert len(terms) >= 60
    names = {e["术语"] for e in ENTRIES}
    for e in ENTRIES:
        for shown, pattern in e["variants"]:
            # 变体不能匹配任何首选术语本身，否则首选术语也会被当成违规
            assert not any(pattern.search(n) for n in names if n != e["术语"] and not n.startswith(e["术语"])), shown
            assert not pattern.search(e["术语"]), (e["术语"], shown)
    for e in terms:
        docname = e["定义处"].partition("#")[0]
        source = DOCS / f"{docname}.rst"
        assert source.exists(), e
        # 定义处的页面确实用到这个术语（大小写不计，拉丁字母的术语如 logits、ReLU 同样）
        assert e["术语"].lower() in source.read_text(encoding="utf-8").lower(), (e["术语"], docname)


def test_search_dictionary_is_generated_from_the_source():
    text = glossary.search_dictionary(ENTRIES)
    words = [line.split()[0] for line in text.splitlines()]
    assert words == [e["术语"] for e in ENTRIES if re.fullmatch(r"\w{2,}", e["术语"])]
    assert {"非监督学习", "阈值函数"}.isdisjoint(words) and {"无监督学习", "热力图"} <= set(words)
    assert not (DOCS / "terms.txt").exists(), "搜索词典只从 docs/glossary.tsv 生成"
    assert "terms.txt" not in (ROOT / "conf.py").read_text(encoding="utf-8")
    built = ROOT / "_build" / "html" / ".doctrees" / "mmdl-search-terms.txt"
    if built.exists():  # make html 之后：构建用的词典就是由来源生成的那一份
        assert built.read_text(encoding="utf-8") == text


def test_glossary_page_lists_every_term():
    html = ROOT / "_build" / "html" / "glossary.html"
    if not html.exists():
        pytest.skip("先运行 make html（CI 里 make test 先构建网站）")
    page = html.read_text(encoding="utf-8")
    for e in ENTRIES:
        if e["类别"] == "术语":
            assert f'id="term-{e["术语"]}"'.replace(" ", "-") in page or e["术语"] in page, e["术语"]
    assert page.count('class="reference internal"') >= sum(e["类别"] == "术语" for e in ENTRIES)
