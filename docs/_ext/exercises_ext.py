"""Sphinx 扩展：章末的练习（自己批改的存根程序）与书末的解答。

一个练习是仓库里的两个文件::

    exercises/<部分>/<章>/<名字>.py            存根：待写的函数（TODO）+ 批改程序，python 名字.py 逐项打印 ✓/✗
    exercises/<部分>/<章>/<名字>_solution.py   解答：恰好是存根里“你的代码”两行标记之间应有的内容

页面里写::

    .. exercise:: basics/activation/gelu_grad
       :title: GELU 的导数

       题目（reST）……

       为什么对：
       解答为什么对的一两句话（reST）。

网站上，题目之后是存根与它的笔记本（docs/_ext/downloads.py 的 write_exercise_notebook）的下载链接、运行命令，
和一个默认合上的“解答”折叠块（sphinx-design dropdown：
“为什么对”的说明加解答的代码）。PDF 与 EPUB 里题目照常出现，解答不在题目旁边，而在书末的附录
（docs/solutions.rst 的 ``.. exercise-solutions::``）：它按书的章序读各章源文件里的 exercise 指令，
只在 latex 与 epub 构建里展开（``only`` 节点）；网站上那一页只有一句指向各章的话（:nosearch:，不进导航）。
tests/pipeline/test_exercises.py 证明每个存根单独运行时失败、填入解答后全部通过。
"""
import os
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

import downloads
import runner
from runner import source

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
BEGIN = "# ====== 你的代码从这里开始 ======"
END = "# ====== 你的代码到这里结束 ======"
WHY = "为什么对："
BOOK_ONLY = "latex or epub"


def split_content(lines):
    """指令内容分成题目与“为什么对”两段（以单独一行“为什么对：”分开）。"""
    lines = list(lines)
    if WHY not in [line.strip() for line in lines]:
        return lines, []
    i = [line.strip() for line in lines].index(WHY)
    return lines[:i], lines[i + 1:]


def paths(name):
    stub = EXERCISES / f"{name}.py"
    return stub, stub.with_name(stub.stem + "_solution.py")


def notebook_path(app, name):
    """练习的笔记本（downloads.write_exercise_notebook 生成）放在构建目录的下载文件夹里。"""
    return app.mmdl_settings.downloads_dir / "exercises" / f"{name}.ipynb"


def env_of(name):
    """存根第一行声明的环境（``# env: main|mxnet``，与示例相同，由 runner/source.py 解析）：
    页面上的运行说明与测试用哪个解释器都只从这里得到。没有或不认识时抛出 ValueError。"""
    env = source.parse(paths(name)[0]).env
    if env not in runner.ENVS:
        raise ValueError(f"练习 {name} 的第一行必须声明运行环境：'# env: main' 或 '# env: mxnet'")
    return env


def exercises_in(rst_text):
    """一章源文件里的练习：[(名字, 标题, 内容行)]，按出现顺序。"""
    out = []
    lines = rst_text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^\.\. exercise:: (\S+)\s*$", line)
        if not m:
            continue
        title, body = "", []
        for line2 in lines[i + 1:]:
            if line2.strip() and not line2.startswith("   "):
                break
            t = re.match(r"^   :title: (.*)$", line2)
            if t and not body:
                title = t.group(1).strip()
            elif body or line2.strip():
                body.append(line2[3:])
        out.append((m.group(1), title, body))
    return out


def _literal(self, path, out):
    code = path.read_text(encoding="utf-8")
    block = nodes.literal_block(code, code, language="python")
    block["caption"] = path.name
    self.set_source_info(block)
    out.append(block)


class Exercise(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"title": directives.unchanged_required}

    def run(self):
        name = self.arguments[0]
        stub, solution = paths(name)
        for p in (stub, solution):
            if not p.exists():
                raise self.error(f"练习 {name}：缺少文件 {p.relative_to(ROOT)}")
            self.env.note_dependency(str(p))
        try:
            env = env_of(name)
        except ValueError as exc:
            raise self.error(str(exc)) from None
        where = "" if env == "main" else f"\\ （在 {runner.ENV_LABELS[env]}里，见 :doc:`/basics/install`）"
        n = self.env.temp_data["mmdl_exercise_n"] = self.env.temp_data.get("mmdl_exercise_n", 0) + 1
        task, why = split_content(self.content)
        if not why:
            raise self.error(f"练习 {name}：内容里缺少单独一行“{WHY}”和解答的说明")
        rel = "/" + str(Path("..") / stub.relative_to(ROOT))
        notebook = downloads.write_exercise_notebook(stub, name, env, BEGIN, END, notebook_path(self.env.app, name))
        self.env.note_dependency(downloads.__file__)
        nb_rel = "/" + os.path.relpath(notebook, self.env.srcdir)
        lines = [f".. rubric:: 练习 {n}　{self.options.get('title', '')}", "   :class: mmdl-exercise-title", "",
                 *task, "",
                 ".. rst-class:: mmdl-downloads", "",
                 f"   :download:`下载存根 {stub.name} <{rel}>` · :download:`下载 {notebook.name} <{nb_rel}>` ·"
                 f" 运行 ``python {stub.name}``{where}："
                 "逐项检查并打印结果（没通过的带一条提示），全部通过时退出码为 0；笔记本的最后一个单元做同样的批改。", "",
                 f".. only:: not ({BOOK_ONLY})", "",
                 f"   .. dropdown:: 练习 {n} 的解答", "      :class-container: mmdl-solution", "",
                 *["      " + line for line in why], "",
                 "      把下面的代码换进存根里“你的代码”两行标记之间：", "",
                 "      SOLUTION", "",
                 f".. only:: {BOOK_ONLY}", "",
                 "   解答在书末的附录“练习解答”里。", ""]
        box = nodes.container(classes=["mmdl-exercise"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, box)
        slot = next(p for p in box.findall(nodes.paragraph) if p.astext() == "SOLUTION")
        new = []
        _literal(self, solution, new)
        slot.replace_self(new)
        return [box]


class ExerciseSolutions(SphinxDirective):
    """书末附录：内容是各章的文档名（书的顺序），每行一个。"""
    has_content = True

    def run(self):
        lines = [f".. only:: not ({BOOK_ONLY})", "",
                 "   网站上每个练习的解答就在题目下面的折叠块里；这一页只在 PDF 与 EPUB 版里有内容。", "",
                 f".. only:: {BOOK_ONLY}", ""]
        slots = []
        for doc in (d.strip() for d in self.content if d.strip()):
            src = Path(self.env.srcdir) / f"{doc}.rst"
            self.env.note_dependency(str(src))
            found = exercises_in(src.read_text(encoding="utf-8"))
            if not found:
                raise self.error(f"{doc}.rst 里没有练习")
            title = next(t for t in src.read_text(encoding="utf-8").splitlines() if t.strip())
            lines += [f"   .. rubric:: {title}", ""]
            for n, (name, ex_title, body) in enumerate(found, 1):
                _, why = split_content(body)
                self.env.note_dependency(str(paths(name)[1]))
                lines += [f"   **练习 {n}　{ex_title}**\\ （:doc:`/{doc}`）", "",
                          *["   " + line for line in why], "", f"   SOLUTION{len(slots)}", ""]
                slots.append(paths(name)[1])
        box = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, box)
        for i, path in enumerate(slots):
            slot = next(p for p in box.findall(nodes.paragraph) if p.astext() == f"SOLUTION{i}")
            new = []
            _literal(self, path, new)
            slot.replace_self(new)
        return box.children


def _epub_appendix(app, docname, source):
    """EPUB 的目录在首页最后加上附录（PDF 用 conf.py 的 latex_appendices；网站不加）。"""
    if docname == "index" and app.builder.name == "epub":
        source[0] += "\n\n.. toctree::\n   :maxdepth: 1\n   :caption: 附录\n\n   solutions\n"


def setup(app):
    app.add_directive("exercise", Exercise)
    app.add_directive("exercise-solutions", ExerciseSolutions)
    app.connect("source-read", _epub_appendix)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
