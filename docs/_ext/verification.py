"""Sphinx 扩展：给每个含示例的页面末尾加一个折叠的“本页如何验证”说明，内容取自测试。

页面与测试模块的对应规则（项目有 tests/ 目录时，没有对应测试模块的含示例页面让构建失败）::

    docs/basics/<章>.rst     →  tests/chapters/test_<章>.py
    docs/libraries/<库>.rst  →  tests/chapters/test_lib_<库>.py
    docs/<部分>/<章>.rst     →  tests/chapters/test_<部分>_<章>.py（其他部分）

tests/ 是 docs/ 旁边的目录；一个没有 tests/ 目录的项目（例如测试里临时搭的小项目）不加说明。

说明里列出测试模块的文档字符串和每个测试函数的文档字符串（第一段）；文档字符串里的
````代码```` 显示为等宽字体，其余按纯文本显示。测试模块变了，页面随之重建。
"""
import ast
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

import runner

PREFIX = {"basics": "test_", "libraries": "test_lib_"}
METHOD_DOC = "method"
DIRECTIVE = "mmdl-verification"


def test_module_for(docname, tests):
    """页面名（如 ``basics/optimizers``）对应的测试模块路径；页面不在某个部分里时返回 None。"""
    part, _, name = docname.partition("/")
    if not name or "/" in name:
        return None
    return tests / "chapters" / f"{PREFIX.get(part, f'test_{part}_')}{name}.py"


def first_paragraph(doc):
    return " ".join(doc.strip().split("\n\n")[0].split())


def checks(path):
    """(模块的说明, [(测试函数名, 说明或 None), …])，按源码顺序。"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    module_doc = ast.get_docstring(tree)
    return (first_paragraph(module_doc) if module_doc else None,
            [(f.name, first_paragraph(d) if (d := ast.get_docstring(f)) else None) for f in funcs])


def inline(text):
    """把 ``x`` 变成等宽字体，其余是纯文本（不按 reST 解释，| * 等字符原样显示）。"""
    out = []
    for i, piece in enumerate(re.split(r"``(.+?)``", text)):
        if piece:
            out.append(nodes.literal(piece, piece) if i % 2 else nodes.Text(piece))
    return out


class Verification(SphinxDirective):
    """由 source-read 自动加在每个 .rst 页面末尾；页面没有示例时什么也不输出。"""

    def run(self):
        docname = self.env.docname
        root = Path(self.env.srcdir).parent
        if not getattr(self.env, "mmdl_examples", {}).get(docname) or not (root / "tests").is_dir():
            return []
        path = test_module_for(docname, root / "tests")
        if path is not None:
            self.env.note_dependency(str(path))    # 测试模块出现、改动时重读页面
        if path is None or not path.is_file():
            where = path.relative_to(root) if path else "（页面不在 docs/<部分>/ 下，没有对应规则）"
            raise self.error(f"页面 {docname} 含示例，却没有对应的测试模块 {where}："
                             "每个含示例的页面都要有测试（规则见 docs/_ext/verification.py）")
        module_doc, items = checks(path)
        rel = path.relative_to(root).as_posix()
        lines = [".. dropdown:: 本页如何验证", "   :class-container: mmdl-verification",
                 "   :icon: checklist", "", "   PLACEHOLDER", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset,
                                container)
        placeholder = next(p for p in container.findall(nodes.paragraph) if p.astext() == "PLACEHOLDER")
        body = placeholder.parent

        intro = nodes.paragraph()
        intro += nodes.Text("本页的每段代码都是一个真实的程序，上面的输出和图片来自它最近一次运行。"
                            "页面上的公式与结论还由测试模块 ")
        intro += nodes.literal(rel, rel)
        intro += nodes.Text(" 逐条检查" + (f"（{module_doc.rstrip('。')}）" if module_doc else "") + "，"
                            "任何一项不成立，测试就会失败。做法见")
        ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + METHOD_DOC,
                                    refexplicit=True, refdoc=docname, refwarn=True)
        ref += nodes.inline("", "本站如何保证代码与输出一致", classes=["std", "std-doc"])
        intro += ref
        intro += nodes.Text("。")
        described = [d for _, d in items if d]
        seen, bullets = set(), nodes.bullet_list()
        for text in described:
            if text not in seen:
                seen.add(text)
                bullets += nodes.list_item("", nodes.paragraph("", "", *inline(text)))
        parts = [intro]
        if described:
            head = "共 {} 项检查：" if len(described) == len(items) else "共 {} 项检查，其中："
            parts += [nodes.paragraph(text=head.format(len(items))), bullets]
            if len(described) < len(items):
                parts.append(nodes.paragraph(
                    text=f"另有 {len(items) - len(described)} 项检查没有单独的说明，见测试源码。"))
        else:
            parts.append(nodes.paragraph(text=f"共 {len(items)} 项检查，见测试源码。"))
        body.replace(placeholder, parts)
        return container.children


def append_note(app, docname, source):
    """每个 .rst 页面末尾加上指令；是否真的输出，由指令根据页面有没有示例决定。"""
    if app.env.doc2path(docname).suffix == ".rst":
        source[0] = source[0].rstrip("\n") + f"\n\n.. {DIRECTIVE}::\n"


def setup(app):
    app.setup_extension("sphinx_design")
    app.add_directive(DIRECTIVE, Verification)
    app.connect("source-read", append_note)
    # 扩展的代码变了（说明的排版可能变了）：env_version 随之改变，Sphinx 重读全部页面。
    version = runner.code_version(Path(__file__))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
