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
    "sphinx.ext.imgmath",  # 只给 EPUB 用（make epub 设 html_math_renderer=imgmath）：阅读器大多不运行 MathJax
    "sphinx_design",
    "sphinx_copybutton",
    "examples_ext",
    "exercises_ext",
    "mathjax_local",
    "cjk_newlines",
    "zh_search",
    "glossary",
    "verification",
    "reader_ext",
    "notfound.extension",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_ext"]
nitpicky = True
highlight_language = "python"

html_theme = "sphinx_rtd_theme"
html_title = "深度学习 mmdeeplearning"
html_static_path = ["docs/_static"]  # mathjax_local 扩展再加上复制好的 MathJax
html_css_files = ["mmdl.css"]
html_js_files = ["mmdl-theme.js"]  # 深色模式开关；可滚动的代码块可用键盘到达（docs/_static/mmdl-theme.js）
templates_path = ["docs/_templates"]
html_theme_options = {"navigation_depth": 3, "style_external_links": True}
html_show_sourcelink = False
html_last_updated_fmt = None
# 页脚的“由 Sphinx 构建”一句放进 contentinfo 区域里（docs/_templates/footer.html），否则它在所有
# 地标区域之外，屏幕阅读器的读者按区域跳转时会漏掉它（axe 的 region 规则）
html_show_sphinx = False

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

# --- 读者体验（由浏览器测试 tests/site/test_browser.py 验证） ---

# 浏览器标签页的图标。没有它，Chromium 会去请求 /favicon.ico，得到 404 并在控制台报错。
html_favicon = "docs/_static/favicon.svg"


# --- 404 页（sphinx-notfound-page）：链接都是从网站根开始的绝对路径，所以在任何深度的缺页地址下都能用。
# Read the Docs 上网站在 /<语言>/<版本>/ 下（READTHEDOCS_CANONICAL_URL 给出）；本地（make serve、
# 测试的服务器）网站在根 / 下。
import os  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

notfound_urls_prefix = urlsplit(os.environ.get("READTHEDOCS_CANONICAL_URL", "/")).path or "/"

# --- PDF 与 EPUB 版（make pdf、make epub；见 README） ---
latex_engine = "xelatex"
latex_documents = [("index", "mmdeeplearning.tex", "深度学习 mmdeeplearning", author, "manual")]
latex_show_urls = "no"
latex_appendices = ["solutions"]  # 练习的解答在书末（EPUB 由 exercises_ext 加进目录；网站上解答在各章的折叠块里）
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # 西文用 Debian 的 DejaVu（正文里的 ᵀ、₁、⊙、⊃、∇、⌈⌉ 等符号它都有；TeX Gyre 没有），
    # 中文用 Noto CJK 简体（fonts-noto-cjk），都嵌入 PDF
    "fontpkg": r"""
\setmainfont{DejaVu Serif}[Scale=0.92]
\setsansfont{DejaVu Sans}[Scale=0.92]
\setmonofont{DejaVu Sans Mono}[Scale=0.85]
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
    # 多行公式：Sphinx 把它们放进 split 环境，而 split 只允许一列对齐；页面上的 MathJax 允许多列
    # （如 Adam 的两列公式）。改用 aligned，排版相同，多列也行。
    "preamble": r"\setcounter{tocdepth}{1}" "\n" r"\renewenvironment{split}{\begin{aligned}}{\end{aligned}}" "\n"
                r"\titleformat{\chapter}[display]{\normalfont\bfseries\filcenter}{\LARGE 第\,\thechapter\,章}{16pt}{\Huge}"
                "\n" r"\titlespacing*{\chapter}{0pt}{0pt}{32pt}",
    # 屏幕上读的 PDF：单面、章从任意页开始（不插空白页）；章标题写“第 N 章”（fncychap 只会写 Chapter N）
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true",
    "figure_align": "H",
}
latex_use_xindy = False  # 本书没有索引；xindy 不在 Debian 的 texlive-xetex 里
epub_title = "深度学习 mmdeeplearning"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_basename = "mmdeeplearning"
epub_show_urls = "no"
epub_language = "zh-CN"  # EPUB 要求 BCP 47 的写法（zh_CN 不合规）
epub_uid = epub_identifier = "mmdeeplearning"  # 目录（toc.ncx）里的书号必须与 OPF 的书号相同
epub_description = "中文深度学习教程：每一段代码都是真实运行过的程序，附带它的输出和图。"
epub_use_index = False
epub_exclude_files = ["404.xhtml", "search.xhtml", "genindex.xhtml"]
# 网站用 MathJax；EPUB 里公式预先排成 SVG（xelatex + dvisvgm，公式里的中文用 Noto CJK）
html_math_renderer = "mathjax"
imgmath_image_format = "svg"
imgmath_latex = "xelatex"
imgmath_latex_args = ["-no-pdf"]
imgmath_latex_preamble = (r"\usepackage{xeCJK}\setCJKmainfont{Noto Serif CJK SC}"
                          r"\renewenvironment{split}{\begin{aligned}}{\end{aligned}}")
imgmath_font_size = 14
# 成书（make pdf / make epub 放进 <BUILDDIR>/editions/）由 examples_ext 在读完配置时发布：生成目录只在那里算一次。
