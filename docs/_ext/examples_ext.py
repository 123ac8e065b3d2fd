"""Sphinx 扩展：把 examples/ 里的示例连同它真实的输出和图片放进页面。

作者只写一行::

    .. example:: basics/activation/sigmoid_numpy.py

或者多框架标签页（sphinx-design，全站同步）::

    .. example-tabs::

       NumPy: basics/activation/functions_numpy.py
       TensorFlow: basics/activation/functions_tf.py

构建开始时，所有过期的示例先并行运行（runner.run）；任何一个失败、超时或越界，
构建失败并列出每个示例的名字。每个含示例的页面标题下自动加一行“运行验证”：
示例实际运行时的日期与库版本，取自运行记录，不是手写的。
"""
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import downloads
import runner

logger = logging.getLogger(__name__)
NOTEBOOKS = "notebooks"
LIB_NAMES = {"python": "Python", "numpy": "NumPy", "scipy": "SciPy", "matplotlib": "matplotlib",
             "pandas": "pandas", "scikit-learn": "scikit-learn", "tensorflow": "TensorFlow",
             "keras": "Keras", "mxnet": "MXNet"}
ENV_NAMES = {"main": "主环境", "mxnet": "MXNet 环境"}


def _rel_from_src(env, path):
    """从 srcdir 出发、以 / 开头的路径（Sphinx 把开头的 / 解释为 srcdir）。"""
    return "/" + os.path.relpath(path, env.srcdir)


def downloads_for(rel):
    """下载用的独立 .py 与 .ipynb（docs/_ext/downloads.py 生成，内联了示例用到的 mmdl 函数）。"""
    base = runner.gen_dir() / "downloads"
    try:
        return (downloads.write_script(rel, base / "py" / rel),
                downloads.write_notebook(rel, base / NOTEBOOKS / (rel[:-3] + ".ipynb")))
    except downloads.DownloadError as exc:
        raise runner.ExampleError(f"示例 {rel} 无法生成下载文件：{exc}") from None


class Example(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self):
        rel = self.arguments[0]
        failed = getattr(self.env.app, "mmdl_failed", {})
        if rel in failed:
            raise self.error(f"示例 {rel} 出错，页面无法展示它的输出（原因见上）")
        try:
            result = runner.run(rel)
        except runner.ExampleError as exc:
            raise self.error(str(exc)) from None
        env = self.env
        env.mmdl_examples.setdefault(env.docname, []).append(rel)
        script = runner.EXAMPLES / rel
        name = script.name
        try:
            py, nb = downloads_for(rel)
        except runner.ExampleError as exc:
            raise self.error(str(exc)) from None
        lines = [
            f".. literalinclude:: {_rel_from_src(env, script)}",
            "   :language: python",
            f"   :caption: {rel}",
            "",
            f".. rst-class:: mmdl-downloads",
            "",
            f"   :download:`下载 {name} <{_rel_from_src(env, py)}>` ·"
            f" :download:`下载 {nb.name} <{_rel_from_src(env, nb)}>` ·"
            f" 运行环境：{ENV_NAMES[runner.declared_env(rel)]} ·"
            f" 命令：``python examples/{rel}``",
            "",
        ]
        if result.stdout.strip():
            lines += [".. code-block:: text", f"   :caption: 输出（{name}）", "   :class: mmdl-output", ""]
            lines += ["   " + line for line in result.stdout.rstrip().splitlines()] + [""]
        for i, fig in enumerate(result.figures, 1):
            lines += [f".. figure:: {_rel_from_src(env, fig)}", f"   :alt: {name} 生成的图 {i}",
                      "   :class: mmdl-figure", "", f"   {name} 生成的图 {i}", ""]
        node = nodes.container(classes=["mmdl-example"])
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), self.content_offset, node)
        return [node]


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


def verified_line(rels):
    """由运行记录生成“本页示例运行于 … ”一行。"""
    by_env, dates = {}, set()
    for rel in rels:
        stamp = runner.load_stamp(rel) or {}
        dates.add(stamp.get("date", "?"))
        by_env.setdefault(stamp.get("env", "?"), {}).update(stamp.get("used", {}))
    parts = []
    for env_name in sorted(by_env):
        used = by_env[env_name]
        libs = "、".join(f"{LIB_NAMES.get(k, k)} {v}" for k, v in sorted(used.items(), key=lambda kv: list(LIB_NAMES).index(kv[0]) if kv[0] in LIB_NAMES else 99))
        parts.append(f"{ENV_NAMES.get(env_name, env_name)}：{libs}")
    return f"本页 {len(rels)} 个示例最近一次运行于 {max(dates)}（CPU，离线）。" + "；".join(parts) + "。"


def add_verified(app, doctree):
    rels = app.env.mmdl_examples.get(app.env.docname)
    if not rels:
        return
    para = nodes.paragraph(text=verified_line(rels), classes=["mmdl-verified"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        title = section.next_node(nodes.title)
        section.insert(section.index(title) + 1, para)


def env_init(app, env, docnames):
    if not hasattr(env, "mmdl_examples"):
        env.mmdl_examples = {}
    for doc in docnames:
        env.mmdl_examples.pop(doc, None)
    prerun(app)


def prerun(app):
    """构建开始前并行运行所有过期的示例；每个出错的示例都报一条错误（带示例名），构建失败。"""
    todo = []
    app.mmdl_failed = failed = {}
    for rel in runner.all_examples():
        try:
            runner.declared_env(rel)
            if not runner.is_fresh(rel):
                todo.append(rel)
        except runner.ExampleError as exc:
            failed[rel] = str(exc)
    if todo:
        logger.info(f"运行 {len(todo)} 个过期的示例……")
    jobs = int(os.environ.get("MMDL_JOBS", os.cpu_count() or 1))

    def one(rel):
        try:
            r = runner.run(rel)
            logger.info(f"  {rel}：{r.stamp['wall']:.1f} 秒")
        except runner.ExampleError as exc:
            failed[rel] = str(exc)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, todo))
    for rel in sorted(failed):
        logger.error(failed[rel], type="mmdl", subtype="example")
    if failed:
        app.statuscode = 1  # 即使没有 -W，示例出错也让构建失败


def outdated(app, env, added, changed, removed):
    """示例（或它导入的模块、环境里的包）变了：重读引用它的页面。"""
    stale = []
    for doc, rels in getattr(env, "mmdl_examples", {}).items():
        if doc in changed or doc in added:
            continue
        try:
            if not all(runner.is_fresh(r) for r in rels):
                stale.append(doc)
        except runner.ExampleError:
            stale.append(doc)
    return stale


def merge(app, env, docnames, other):
    env.mmdl_examples.update({d: other.mmdl_examples[d] for d in docnames if d in other.mmdl_examples})


def purge(app, env, docname):
    getattr(env, "mmdl_examples", {}).pop(docname, None)


def setup(app):
    app.add_directive("example", Example)
    app.add_directive("example-tabs", ExampleTabs)
    app.connect("env-get-outdated", outdated)
    app.connect("env-before-read-docs", env_init)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-read", add_verified)
    # 扩展自身的代码变了（输出的排版可能变了）：env_version 随之改变，Sphinx 重读全部页面。
    code = Path(__file__).read_bytes() + Path(runner.__file__).read_bytes() + Path(downloads.__file__).read_bytes()
    version = int(runner.sha(code)[:8], 16)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
