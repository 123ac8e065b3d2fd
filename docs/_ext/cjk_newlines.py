"""去掉中文源文件换行处多出的空格。

reST 把段落里的换行当成空格；英文需要它，中文不需要：“一个\\n线性映射”会显示成“一个 线性映射”。
这里在两个中文字符（含全角标点）之间的换行处直接连接，代码、公式和字面文本不动。
"""
import re

from docutils import nodes

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
SKIP = (nodes.literal_block, nodes.literal, nodes.math, nodes.math_block, nodes.raw, nodes.comment)


def join_lines(app, doctree):
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, SKIP) or "\n" not in text:
            continue
        joined = BREAK.sub("", str(text))
        if joined != str(text):
            parent.replace(text, nodes.Text(joined))


def setup(app):
    app.connect("doctree-read", join_lines)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
