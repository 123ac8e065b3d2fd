"""中文搜索的两处修正，由 tests/test_site.py 与 tests/test_browser.py 验证。

1. Sphinx 9.0 的 zh 搜索语言在 language_data.js 里引用了不存在的 ``ChineseStemmer``（见下）。
2. 搜索结果摘要里的公式：搜索页也加载本站的 MathJax，由 _static/mmdl-search.js 排版。
"""

def fixed_search_language():
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


def search_page_math(app, pagename, templatename, context, doctree):
    """搜索结果的摘要里有公式的 TeX 原文：搜索页也加载本站的 MathJax，由 mmdl-search.js 排版摘要。

    把页面标为“含公式”，sphinx.ext.mathjax（优先级 500，在本函数之后）就按 mathjax_path 等设置
    给这一页装上 MathJax。
    """
    if pagename == "search":
        context["has_maths_elements"] = True
        app.add_js_file("mmdl-search.js", loading_method="defer")


def setup(app):
    fixed = fixed_search_language()
    if fixed is not None:
        app.add_search_language(fixed)
    app.connect("html-page-context", search_page_math, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
