"""Sphinx 扩展：把 examples/ 里的示例连同它真实的输出和图片放进页面。

作者只写一行::

    .. example:: basics/activation/sigmoid_numpy.py

或者多框架标签页（sphinx-design，全站同步）::

    .. example-tabs::

       NumPy: basics/activation/functions_numpy.py
       TensorFlow: basics/activation/functions_tf.py

示意图（由程序画出的概念图）加 ``:diagram:`` 选项：先显示图，代码和输出收进折叠块。

构建开始时，所有过期的示例先并行运行（prerun.py，显示进度）；任何一个失败、超时或越界，
构建失败并列出每个示例的名字。运行器的开关也是 Sphinx 配置值（``-D mmdl_run=never`` 等，
见 runner/settings.py）：读完配置时由 ``runner.resolve`` 算出一个 Settings，放在 ``app.mmdl_settings`` 上，
之后显式传给运行器；示例并行数默认跟随 ``sphinx-build -j N``。每个含示例的页面标题下自动加一行“运行验证”：
示例实际运行时的日期与库版本，取自运行记录，不是手写的。
"""
import os
import re
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import downloads
import prerun
import runner
from runner import LIB_NAMES, process, settings

logger = logging.getLogger(__name__)
NOTEBOOKS = "notebooks"
ENV_NAMES = runner.ENV_LABELS


def _rel_from_src(env, path):
    """从 srcdir 出发、以 / 开头的路径（Sphinx 把开头的 / 解释为 srcdir）。"""
    return "/" + os.path.relpath(path, env.srcdir)


def downloads_for(s, rel):
    """下载用的独立 .py 与 .ipynb（docs/_ext/downloads.py 生成，内联了示例用到的 mmdl 函数）。"""
    base = s.downloads_dir
    try:
        return (downloads.write_script(s, rel, base / "py" / rel),
                downloads.write_notebook(s, rel, base / NOTEBOOKS / (rel[:-3] + ".ipynb")))
    except downloads.DownloadError as exc:
        raise runner.ExampleError(f"示例 {rel} 无法生成下载文件：{exc}") from None


# ---- [reader] 图的替代文字与图注：取自示例自己画的标题（mmdl_capture 记在 run.json 里） ----

def figure_titles(s, rel):
    """示例每张图的标题记录（见 child/mmdl_capture.py 的 _describe）；没有记录时为空列表。"""
    return (runner.load_stamp(s, rel) or {}).get("figure_titles") or []


def figure_text(s, rel, i, titles):
    """第 i 张图的说明：总标题，否则各子图标题，否则坐标轴名；都没有时用示例文档字符串的第一句。"""
    info = titles[i - 1] if i <= len(titles) else {}
    text = info.get("suptitle") or "；".join(a["title"] for a in info.get("axes", []) if a["title"])
    if not text:
        axes = [a for a in info.get("axes", []) if a["xlabel"] or a["ylabel"]]
        text = "；".join(f"横轴{a['xlabel'] or '（无名）'}、纵轴{a['ylabel'] or '（无名）'}" for a in axes)
    if not text:
        doc = runner.parsed(s, rel).docstring
        text = doc.strip().splitlines()[0].rstrip("。") if doc.strip() else f"示例 {Path(rel).name} 画出的图"
    text = re.sub(r"\$([^$]*)\$", lambda m: m.group(1).replace("\\", ""), text)  # mathtext → 纯文字
    return " ".join(text.split())


def _ranges(numbers):
    """[1, 3, 4, 5] → "1,3-5"（literalinclude 的 :lines:）。"""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ",".join(out)


def rst_escape(text):
    return re.sub(r"([\\*`|_\[\]<>])", r"\\\1", text)


class Example(SphinxDirective):
    required_arguments = 1
    has_content = False
    # :diagram: 示意图：先给出图，代码与输出收进一个折叠块（读者要看画法时再展开）
    option_spec = {"diagram": directives.flag}

    def run(self):
        rel = self.arguments[0]
        failed = getattr(self.env.app, "mmdl_failed", {})
        if rel in failed:
            raise self.error(f"示例 {rel} 出错，页面无法展示它的输出（原因见上）")
        s = self.env.app.mmdl_settings
        try:  # always 已在构建开始时全部重跑过，这里用刚发布的结果
            result = runner.run_cached(s, rel, "auto" if s.mode == "always" else s.mode)
            src = runner.parsed(s, rel)
        except runner.ExampleError as exc:
            raise self.error(str(exc)) from None
        env = self.env
        env.mmdl_examples.setdefault(env.docname, []).append(rel)
        script = s.examples / rel
        name = script.name
        try:
            py, nb = downloads_for(s, rel)
        except runner.ExampleError as exc:
            raise self.error(str(exc)) from None
        # 构建标记（# timing-output: …）是写给运行器与测试的，页面上的代码不显示它们
        shown = [i for i in range(1, len(src.text.splitlines()) + 1) if i not in src.marker_lines]
        lines = [
            f".. literalinclude:: {_rel_from_src(env, script)}",
            "   :language: python",
            f"   :caption: {rel}",
            *([f"   :lines: {_ranges(shown)}"] if src.marker_lines else []),
            "",
            ".. rst-class:: mmdl-downloads",
            "",
            f"   :download:`下载 {name} <{_rel_from_src(env, py)}>` ·"
            f" :download:`下载 {nb.name} <{_rel_from_src(env, nb)}>` ·"
            f" 运行环境：{ENV_NAMES[runner.declared_env(s, rel)]} ·"
            f" 命令：``python examples/{rel}``",
            "",
        ]
        if result.stdout.strip():
            lines += [".. code-block:: text", f"   :caption: 输出（{name}）", "   :class: mmdl-output", ""]
            lines += ["   " + line for line in result.stdout.rstrip().splitlines()] + [""]
        figures = []
        titles = figure_titles(s, rel)
        for i, fig in enumerate(result.figures, 1):
            text = figure_text(s, rel, i, titles)
            many = f" 图 {i}" if len(result.figures) > 1 else ""
            figures += [f".. figure:: {_rel_from_src(env, fig)}", f"   :alt: {text}",
                        "   :class: mmdl-figure", "", f"   {rst_escape(text)}（{name}{many}）", ""]
        if "diagram" in self.options:
            lines = figures + [f".. dropdown:: 画这张图的程序（{name}）与它的输出", ""] + [
                ("   " + line if line else "") for line in lines]
        else:
            lines += figures
        node = nodes.container(classes=["mmdl-example"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, node)
        mark_dark_figures(node, result.figures)  # [dark]
        return [node]


# ---- [dark] 深色模式的图：mmdl_capture 给每张图另存了深色版本 figs/dark/fig-N.png ----
# 只有网站（html 构建器）用它：图外面包一层 <picture>，深色版本作为 <source>，
# media 默认是 (prefers-color-scheme: dark)（跟随系统）；读者用开关选定配色时，
# _static/mmdl-theme.js 把 media 改成 all / not all，图立即切换。PDF、EPUB 与下载只用浅色图，与以前相同。
DARK_ATTR = "mmdl_dark"
DARK_MEDIA = "(prefers-color-scheme: dark)"
DARK_BUILDERS = ("html", "dirhtml")


def dark_figure(fig):
    """浅色图 figs/fig-N.png 的深色版本的路径。"""
    return Path(fig).parent / "dark" / Path(fig).name


def mark_dark_figures(node, figures):
    """给示例的每个图片节点记下深色版本的路径（在 doctree-resolved 里按构建器决定用不用）。"""
    images = [img for img in node.findall(nodes.image) if "mmdl-figure" in img.parent.get("classes", [])
              or "mmdl-figure" in img.get("classes", [])]
    for img, fig in zip(images, figures):
        dark = dark_figure(fig)
        if dark.is_file():
            img[DARK_ATTR] = str(dark)


def add_dark_sources(app, doctree, docname):
    """html 构建器：带深色版本的图包进 <picture>，深色图登记进 _images/ 一起复制。"""
    builder = app.builder
    if builder.name not in DARK_BUILDERS:
        return
    from sphinx.util.osutil import relative_uri

    imgpath = relative_uri(builder.get_target_uri(docname), builder.imagedir)
    for img in list(doctree.findall(nodes.image)):
        src = img.get(DARK_ATTR)
        if not src or not Path(src).is_file():
            continue
        name = f"{Path(src).stem}-dark-{runner.sha(Path(src).read_bytes())[:12]}.png"
        builder.images[src] = name
        uri = f"{imgpath}/{name}" if imgpath else name
        parent = img.parent
        at = parent.index(img)
        parent.insert(at + 1, nodes.raw("", "</picture>", format="html"))
        parent.insert(at, nodes.raw("", f'<picture class="mmdl-picture"><source srcset="{uri}" '
                                        f'media="{DARK_MEDIA}" data-mmdl-dark="">', format="html"))


class ExampleTabs(SphinxDirective):
    has_content = True

    def run(self):
        lines = [".. tab-set::", "   :sync-group: framework", ""]
        for item in self.content:
            if not item.strip():
                continue
            label, sep, rel = item.partition(":")
            if not sep or not rel.strip():
                raise self.error(f"example-tabs 的每一行应写成 '标签: 示例路径'，收到 {item!r}")
            key = label.strip().lower().replace(" ", "-")
            lines += [f"   .. tab-item:: {label.strip()}", f"      :sync: {key}", "",
                      f"      .. example:: {rel.strip()}", ""]
        node = nodes.container(classes=["mmdl-example-tabs"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, node)
        return node.children


class SwitchTable(SphinxDirective):
    """开关表（贡献指南）：``runner`` 是运行器的开关（runner/settings.py），``tests`` 是测试的开关
    （tests/switches.py）。表由开关自己的说明生成，不手写。"""
    required_arguments = 1

    def run(self):
        which = self.arguments[0]
        if which == "runner":
            header, rows = ("环境变量", "配置值（-D）", "作用"), settings.table()
        elif which == "tests":
            sys.path.insert(0, str(runner.ROOT / "tests"))
            try:
                import switches
            finally:
                sys.path.remove(str(runner.ROOT / "tests"))
            header, rows = ("pytest 选项", "环境变量", "作用"), switches.table()
        else:
            raise self.error(f"mmdl-switches 的参数应为 runner 或 tests，收到 {which!r}")
        # 直接造表格节点：贡献指南是 MyST（Markdown），nested_parse 会按 Markdown 解析 rst 文本
        table, tgroup = nodes.table(classes=["mmdl-switches"]), nodes.tgroup(cols=3)
        table += tgroup
        tgroup += [nodes.colspec(colwidth=w) for w in (3, 2, 6)]

        def row(cells, literal):
            r = nodes.row()
            for i, cell in enumerate(cells):
                lit = literal and i < 2 and cell != "—"
                r += nodes.entry("", nodes.paragraph("", "", nodes.literal(cell, cell) if lit else nodes.Text(cell)))
            return r

        tgroup += nodes.thead("", row(header, False))
        tgroup += nodes.tbody("", *(row(r, True) for r in rows))
        return [table]


def verified_line(s, rels):
    """由运行记录生成“本页示例运行于 … ”一行。"""
    by_env, dates = {}, set()
    for rel in rels:
        stamp = runner.load_stamp(s, rel) or {}
        dates.add(stamp.get("date", "?"))
        by_env.setdefault(stamp.get("env", "?"), {}).update(stamp.get("used", {}))
    parts = []
    for env_name in sorted(by_env):
        used = by_env[env_name]
        order = sorted(used.items(), key=lambda kv: list(LIB_NAMES).index(kv[0]) if kv[0] in LIB_NAMES else 99)
        libs = "、".join(f"{LIB_NAMES.get(k, k)} {v}" for k, v in order)
        parts.append(f"{ENV_NAMES.get(env_name, env_name)}：{libs}")
    return f"本页 {len(rels)} 个示例最近一次运行于 {max(dates)}（CPU，离线）。" + "；".join(parts) + "。"


def add_verified(app, doctree):
    rels = app.env.mmdl_examples.get(app.env.docname)
    if not rels:
        return
    # no-search：这一行留在页面上，但不进搜索索引的文字（否则每页都因“Python、NumPy……”被搜到）；
    # 搜索结果的摘要也跳过它（_static/mmdl-search.js），摘要显示的是页面讲的内容
    para = nodes.paragraph(text=verified_line(app.mmdl_settings, rels), classes=["mmdl-verified", "no-search"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        title = section.next_node(nodes.title)
        section.insert(section.index(title) + 1, para)


def configure(app, config):
    """读完配置：由环境变量与 Sphinx 配置值（-D 优先）算出运行器的设置，放在 app 上；成书在时发布它们。"""
    overrides = {name: config[name] for name in settings.CONF_NAMES}
    try:
        s = settings.resolve(os.environ, overrides, parallel=app.parallel)
    except settings.SettingsError as exc:
        sys.exit(f"配置错误：{exc}")  # 一行说明，不要 Sphinx 的错误报告与栈
    app.mmdl_settings = s
    # 两个环境支持的 Python 版本只写在 requirements 文件的 "# python:" 一行；页面用 |py-main|、|py-mxnet|
    from runner import requirements

    ranges = "\n".join(f".. |py-{env}| replace:: {requirements.python_range_text(env)}" for env in runner.ENVS)
    config.rst_prolog = (config.rst_prolog or "") + "\n" + ranges + "\n"
    # make pdf / make epub 把成书放进 <gen>/editions/；两本都在时一并发布在网站根目录下，
    # 首页的“下载整本书”一节（.. only:: editions）才出现指向它们的链接。
    if all((s.editions_dir / f"mmdeeplearning.{ext}").is_file() for ext in ("pdf", "epub")):
        config.html_extra_path = [*config.html_extra_path, str(s.editions_dir)]
        app.tags.add("editions")


def env_init(app, env, docnames):
    if not hasattr(env, "mmdl_examples"):
        env.mmdl_examples = {}
    for doc in docnames:
        env.mmdl_examples.pop(doc, None)
    run_stale(app)


def run_stale(app):
    """构建开始前并行运行过期的（always：全部）示例；每个出错的示例都报一条错误（带示例名），构建失败。"""
    s = app.mmdl_settings
    todo, app.mmdl_failed = prerun.stale_examples(s)
    try:
        prerun.run_all(s, todo, app.mmdl_failed)
    except process.Interrupted:
        sys.exit(130)  # 已打印一行“已中断……”；SystemExit 不会被 Sphinx 当作扩展错误再报一遍
    for rel in sorted(app.mmdl_failed):
        logger.error(app.mmdl_failed[rel], type="mmdl", subtype="example")
    if app.mmdl_failed:
        app.statuscode = 1  # 即使没有 -W，示例出错也让构建失败


def outdated(app, env, added, changed, removed):
    """示例（或它导入的模块、环境、matplotlibrc……）变了，或 MMDL_RUN=always：重读引用它的页面。"""
    s = app.mmdl_settings
    always = s.mode == "always"
    stale = []
    for doc, rels in getattr(env, "mmdl_examples", {}).items():
        if doc in changed or doc in added:
            continue
        try:
            if always or not all(runner.is_fresh(s, r) for r in rels):
                stale.append(doc)
        except runner.ExampleError:
            stale.append(doc)
    return stale


def merge(app, env, docnames, other):
    env.mmdl_examples.update({d: other.mmdl_examples[d] for d in docnames if d in other.mmdl_examples})


def purge(app, env, docname):
    getattr(env, "mmdl_examples", {}).pop(docname, None)


def setup(app):
    # 每个开关一个配置值（名字与说明在 runner/settings.py）；默认 None = 没有用 -D 给出
    for name in settings.CONF_NAMES:
        app.add_config_value(name, None, "", (str, int, float))
    app.connect("config-inited", configure, priority=400)
    app.add_directive("example", Example)
    app.add_directive("example-tabs", ExampleTabs)
    app.add_directive("mmdl-switches", SwitchTable)
    app.connect("env-get-outdated", outdated)
    app.connect("env-before-read-docs", env_init)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-read", add_verified)
    app.connect("doctree-resolved", add_dark_sources)  # [dark]
    # 扩展自身的代码变了（输出的排版可能变了）：env_version 随之改变，Sphinx 重读全部页面。
    version = runner.code_version(Path(__file__), Path(downloads.__file__), *sorted(Path(runner.__file__).parent.glob("*.py")))
    # 读页面时生成下载文件（Example.run 写 <gen>/downloads/），所以不声明可以并行读
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True, "env_version": version}
