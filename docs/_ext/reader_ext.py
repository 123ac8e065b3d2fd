"""Sphinx 扩展：读者体验的几处小修正（不改主题的模板，主题升级后仍然有效）。

- 侧栏与正文里 toctree 的标题（Sphinx 生成的 ``<p class="caption" role="heading">``）补上 ``aria-level``：
  屏幕阅读器需要知道标题的级别，没有它 axe 报 ``aria-required-attr``（严重）；
- 深色模式的代码配色：由 Pygments 的一个深色样式生成 ``pygments-dark.css``，只在深色模式下生效
  （跟随系统的 ``prefers-color-scheme``，或读者用按钮选了深色）；
- EPUB 里框架标签页逐个展开（电子书阅读器不一定支持靠单选框切换的标签页），每个标签一个小标题；
  EPUB 的页面不带脚本。
"""
from pathlib import Path

from docutils import nodes
from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name
from sphinx import addnodes

DARK_STYLE = "github-dark"  # 各类记号在 #0d1117 背景上的对比度都在 4.5:1 以上（axe 在深色模式下检查）
DARK = 'html[data-theme="dark"]'
SYSTEM_DARK = 'html:not([data-theme="light"])'


def _page_context(app, pagename, templatename, context, doctree):
    if app.builder.name == "epub":
        # 电子书里不放脚本（复制按钮、标签页同步、深色模式开关都是网页的交互；EPUB 规范要求带脚本的页面另行声明）
        context["script_files"] = []
        return
    if context.get("body"):  # 正文里的 toctree 标题（首页“全部章节”下面），位于 h2 之下
        context["body"] = context["body"].replace('role="heading">', 'role="heading" aria-level="3">')
    toctree = context.get("toctree")
    if not callable(toctree):
        return

    def with_levels(*args, **kwargs):
        out = toctree(*args, **kwargs)
        return out.replace('role="heading">', 'role="heading" aria-level="2">') if out else out

    context["toctree"] = with_levels


def dark_pygments_css():
    fmt = HtmlFormatter(style=get_style_by_name(DARK_STYLE))

    def scoped(prefix):  # 只留限定在 .highlight 里的规则（Pygments 还会给出全局的 pre、行号规则）
        return "\n".join(ln for ln in fmt.get_style_defs(prefix).splitlines() if ln.startswith(prefix))

    forced, system = scoped(f"{DARK} .highlight"), scoped(f"{SYSTEM_DARK} .highlight")
    return (f"/* 由 docs/_ext/reader_ext.py 从 Pygments 样式 {DARK_STYLE} 生成 */\n{forced}\n"
            f"@media (prefers-color-scheme: dark) {{\n{system}\n}}\n")


def _add_static(app):
    if app.builder.format != "html":
        return
    if app.builder.name == "epub":
        _epub_setup(app)
        return
    out = app.mmdl_settings.gen_dir / "theme"
    out.mkdir(parents=True, exist_ok=True)
    css = out / "pygments-dark.css"
    text = dark_pygments_css()
    if not css.is_file() or css.read_text(encoding="utf-8") != text:
        css.write_text(text, encoding="utf-8")
    app.config.html_static_path.append(str(out))
    app.add_css_file("pygments-dark.css")


def _epub_setup(app):
    """EPUB：不做 sphinx-design 的“单选框 + 标签”变换，标签页按顺序排开，各带一个小标题；
    不带 MathJax（公式已排成 SVG）和示例的下载文件（.py、.ipynb 不是 EPUB 允许的资源，下载链接变成纯文字）。"""
    app.registry.post_transforms = [t for t in app.registry.post_transforms
                                    if t.__name__ != "TabSetHtmlTransform"]
    app.config.html_static_path = [p for p in app.config.html_static_path if Path(p).name != "mathjax"]
    app.config.html_extra_path = []  # 成书（PDF）不放进 EPUB
    app.builder.copy_download_files = lambda: None


def _downloads_as_text(app, doctree, docname):
    if app.builder.name == "epub":
        for node in list(doctree.findall(addnodes.download_reference)):
            node.replace_self(nodes.inline("", "", *node.children))
        # sphinx-design 折叠块标题里的装饰图标（aria-hidden 的 octicon）是不带命名空间的内联 <svg>：
        # 在 EPUB 的 XHTML 里不合法（epubcheck RSC-005/OPF-014），EPUB 里不要它们
        for node in list(doctree.findall(nodes.raw)):
            if "html" in node.get("format", "").split() and node.astext().lstrip().startswith("<svg"):
                node.parent.remove(node)


def setup(app):
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", _downloads_as_text)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
