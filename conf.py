"""Sphinx 配置。源文件在 docs/，生成文件在 make 的 BUILDDIR（默认 _build/，不提交）。

副作用（复制 MathJax、术语词典的哈希、运行示例）都在 docs/_ext/ 的扩展钩子里，不在本文件里。
"""
import logging
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

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
    "mathjax_local",
    "cjk_newlines",
    "zh_search",
    "glossary",
    "verification",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_ext"]
nitpicky = True
highlight_language = "python"

html_theme = "sphinx_rtd_theme"
html_title = "深度学习 mmdeeplearning"
html_static_path = ["docs/_static"]  # mathjax_local 扩展再加上复制好的 MathJax
html_css_files = ["mmdl.css"]
html_theme_options = {"navigation_depth": 3, "style_external_links": True}
html_show_sourcelink = False
html_last_updated_fmt = None

# MathJax 3 从本站加载（django-static-mathjax 包里的文件被复制到 _static/mathjax/），不用 CDN。
mathjax_path = "mathjax/tex-chtml.js"

# 中文搜索：jieba 分词，外加本站的术语词典，让“反向传播”“激活函数”等整词可搜。
# 词典由 docs/_ext/glossary.py 从 docs/glossary.tsv 生成，并设置 html_search_options["dict"]。
html_search_language = "zh"
jieba.setLogLevel(logging.WARNING)  # 不在构建输出里打印 jieba 的加载信息

# 复制按钮只复制代码，不复制提示符与输出。
copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# --- 读者体验（由浏览器测试 tests/test_browser.py 验证） ---

# 浏览器标签页的图标。没有它，Chromium 会去请求 /favicon.ico，得到 404 并在控制台报错。
html_favicon = "docs/_static/favicon.svg"

