r"""术语表：全站术语的唯一来源 docs/glossary.tsv，生成术语表页面与中文搜索词典。

docs/glossary.tsv 每行一个词，制表符分隔六列::

    类别    术语    English    定义处    禁用变体    说明

- 类别：``术语``\ （列在术语表页面上、进搜索词典）或 ``搜索``\ （只进搜索词典，让 jieba 把它当一个词）；
- 定义处：``docname`` 或 ``docname#小节标题``，术语表里链接到那一节（找不到就是构建错误）；
- 禁用变体：用“、”分隔；写成 ``显示文字=re:正则`` 的按正则匹配。全站页面不得使用（tests/site/test_glossary.py）。
  紧跟在首选术语后面的全角括号里可以写出变体，例如“独热编码（one-hot）”。

页面 ``.. mmdl-glossary::`` 渲染成 Sphinx 的 glossary，于是各章可以用 ``:term:`logits``` 链接到术语。
构建开始时（config-inited）把搜索词典写到 doctree 目录，设置 ``html_search_options["dict"]``，
并把词典的哈希设为一个“html”级配置值：词典一变，所有页面重写、重新分词。
"""
import csv
import hashlib
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)
SOURCE = Path(__file__).resolve().parents[1] / "glossary.tsv"
COLUMNS = ("类别", "术语", "English", "定义处", "禁用变体", "说明")
KINDS = ("术语", "搜索")
LATIN = re.compile(r"^[A-Za-z][A-Za-z -]*$")


def load(path=SOURCE):
    """读出全部词条（dict 列表）。格式不对时抛出 ValueError，消息指明行号。"""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"{path}: 第一行必须是表头（{'、'.join(COLUMNS)}，制表符分隔）")
    entries, seen = [], set()
    for n, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != len(COLUMNS):
            raise ValueError(f"{path}:{n}: 应有 {len(COLUMNS)} 列，实有 {len(row)} 列")
        e = dict(zip(COLUMNS, (c.strip() for c in row)))
        if e["类别"] not in KINDS:
            raise ValueError(f"{path}:{n}: 类别只能是 {KINDS}")
        if not e["术语"] or e["术语"] in seen:
            raise ValueError(f"{path}:{n}: 术语为空或重复：{e['术语']!r}")
        if e["类别"] == "术语" and not (e["定义处"] and e["说明"]):
            raise ValueError(f"{path}:{n}: 术语 {e['术语']} 要写明定义处和说明")
        seen.add(e["术语"])
        e["variants"] = [_variant(v) for v in e["禁用变体"].split("、") if v]
        entries.append(e)
    return entries


def _variant(text):
    """(显示文字, 正则)。“显示=re:正则”按正则；纯拉丁字母的按整词、区分大小写；其余按字面。"""
    shown, sep, rule = text.partition("=re:")
    if sep:
        return shown, re.compile(rule)
    if LATIN.match(text):
        return text, re.compile(r"(?<![A-Za-z_])" + re.escape(text) + r"(?![A-Za-z_])")
    return text, re.compile(re.escape(text))


def search_dictionary(entries):
    """jieba 用户词典的文本：每行“词 词频 词性”。

    只写入由字母、汉字和数字组成、至少两个字的词：Sphinx 的中文索引在空格、连字符处断开，
    也不收录单个字。"""
    words = [e["术语"] for e in entries if re.fullmatch(r"\w{2,}", e["术语"])]
    return "".join(f"{w} 1000 n\n" for w in words)


def dictionary_path(app):
    return Path(app.doctreedir) / "mmdl-search-terms.txt"


def write_search_dictionary(app, config):
    text = search_dictionary(load())
    path = dictionary_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path)}
    config.mmdl_glossary_dict = hashlib.sha256(text.encode()).hexdigest()[:16]


def _target(where):
    docname, _, section = where.partition("#")
    return docname, section


def register_sections(app, doctree):
    """给术语定义处引用到的小节登记标签“docname#标题”，术语表用 :ref: 链接过去。"""
    docname = app.env.current_document.docname
    wanted = {s for d, s in (_target(e["定义处"]) for e in load()) if d == docname and s}
    if not wanted:
        return
    domain = app.env.domains.standard_domain
    for section in doctree.findall(nodes.section):
        title = section[0].astext()
        if title in wanted:
            name = nodes.fully_normalize_name(f"{docname}#{title}")
            domain.anonlabels[name] = docname, section["ids"][0]
            domain.labels[name] = docname, section["ids"][0], title


class GlossaryDirective(SphinxDirective):
    """把 glossary.tsv 里类别为“术语”的词条渲染成 Sphinx glossary。"""

    has_content = False

    def run(self):
        self.env.note_dependency(str(SOURCE))
        lines = [".. glossary::", ""]
        for e in load():
            if e["类别"] != "术语":
                continue
            docname, section = _target(e["定义处"])
            link = f":ref:`{section} <{docname}#{section}>`" if section else f":doc:`/{docname}`"
            body = f"*{e['English']}* — {e['说明']}" if e["English"] else e["说明"]
            body += f" 定义见 {link}。"
            if e["variants"]:
                body += "不写作：" + "、".join(shown for shown, _ in e["variants"]) + "。"
            lines += [f"   {e['术语']}", f"      {body}", ""]
        container = nodes.container(classes=["mmdl-glossary"])
        self.state.nested_parse(StringList(lines, source=str(SOURCE)), self.content_offset, container)
        return [container]


def setup(app):
    app.add_config_value("mmdl_glossary_dict", "", "html")  # 搜索词典的哈希，见模块说明
    app.connect("config-inited", write_search_dictionary)
    app.connect("doctree-read", register_sections)
    app.add_directive("mmdl-glossary", GlossaryDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
