"""Sphinx 配置。源文件在 docs/，生成文件在 _build/（不提交）。"""
import logging
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import runner  # noqa: E402
from mathjax_local import local_mathjax  # noqa: E402

project = "深度学习 mmdeeplearning"
author = "mmdeeplearning 作者"
copyright = "2026, mmdeeplearning 作者"
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx.ext.mathjax",
    "sphinx_design",
    "sphinx_copybutton",
    "examples_ext",
    "cjk_newlines",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_ext"]
nitpicky = True
highlight_language = "python"

html_theme = "sphinx_rtd_theme"
html_title = "深度学习 mmdeeplearning"
html_static_path = ["docs/_static", str(local_mathjax(runner.gen_dir() / "mathjax"))]
html_css_files = ["mmdl.css"]
html_theme_options = {"navigation_depth": 3, "style_external_links": True}
html_show_sourcelink = False
html_last_updated_fmt = None

# MathJax 3 从本站加载（django-static-mathjax 包里的文件被复制到 _static/mathjax/），不用 CDN。
mathjax_path = "mathjax/tex-chtml.js"

# 中文搜索：jieba 分词，外加本站的术语词典，让“反向传播”“激活函数”等整词可搜。
html_search_language = "zh"
jieba.setLogLevel(logging.WARNING)  # 不在构建输出里打印 jieba 的加载信息
html_search_options = {"dict": str(ROOT / "docs" / "terms.txt")}

# 复制按钮只复制代码，不复制提示符与输出。
copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# --- 读者体验（由浏览器测试 tests/test_browser.py 验证） ---

# 浏览器标签页的图标。没有它，Chromium 会去请求 /favicon.ico，得到 404 并在控制台报错。
html_favicon = "docs/_static/favicon.svg"


def _zh_search_language():
    """修正 Sphinx 9.0 的中文搜索（上游 sphinx-doc/sphinx#14229，PR #14416 修复）。

    根源：zh 搜索语言（sphinx/search/zh.py）借用英文词干提取器 english-stemmer.js，
    那个文件定义的是 ``EnglishStemmer``；而 Sphinx 9 按 ``language_name`` 拼出
    language_data.js 的最后一行 ``window.Stemmer = ChineseStemmer;``。ChineseStemmer
    不存在，浏览器在 language_data.js 里抛出 ReferenceError，searchtools.js 随后
    ``new Stemmer()`` 再抛一次，搜索页永远停在“正在搜索中”。searchindex.js（jieba 分词
    的索引）本身是对的，所以只看索引发现不了。

    修正：注册一个 zh 搜索语言的子类，直接给出同样的词干代码，但最后一行指向代码里真正
    定义的类。只在装的 Sphinx 仍然生成未定义的类名时才替换；Sphinx 修好后这里自动不起作用。
    tests/test_site.py 静态检查 language_data.js，tests/test_browser.py 在浏览器里真的去搜。
    """
    import re
    from types import SimpleNamespace

    from sphinx.search import IndexBuilder
    from sphinx.search.zh import SearchChinese

    code = IndexBuilder.get_js_stemmer_code(SimpleNamespace(lang=SearchChinese))
    assigned = re.search(r"window\.Stemmer\s*=\s*(\w+);\s*$", code)
    defined = re.findall(r"\b(\w+Stemmer)\s*=\s*function", code)
    if not assigned or assigned.group(1) in defined:
        return None
    stemmer = [name for name in defined if name != "BaseStemmer"][-1]  # EnglishStemmer

    class SearchChineseFixed(SearchChinese):
        js_stemmer_rawcode = ""  # 空：Sphinx 直接使用下面的 js_stemmer_code
        js_stemmer_code = code[: assigned.start()] + f"window.Stemmer = {stemmer};\n"

    return SearchChineseFixed


def setup(app):
    fixed = _zh_search_language()
    if fixed is not None:
        app.add_search_language(fixed)
