"""中文搜索的三处修正，由 tests/site/test_site.py 与 tests/site/test_browser.py 验证。

1. Sphinx 9.0 的 zh 搜索语言在 language_data.js 里引用了不存在的 ``ChineseStemmer``（见下）。
2. jieba 的词典（约 1.5 秒）到第一次分词时才载入：什么页面都不用重写的构建不付这笔钱。
3. 搜索结果摘要里的公式：搜索页也加载本站的 MathJax，由 _static/mmdl-search.js 排版。
4. 增量构建丢了索引条目（术语表的 109 个术语）：见 ``restore_index_entries``。
"""

def search_language():
    """本站的中文搜索语言：Sphinx 的 zh 搜索语言的子类，分词结果与它完全相同。

    - **词典晚载入。** 上游在构造时就 ``jieba.load_userdict``，这会先载入 jieba 的主词典（约 1.5 秒）；
      而 Sphinx 每次构建都构造搜索语言，哪怕没有一页要重写。这里把词典路径记下，第一次 ``split`` 时才载入。
    - **词干提取器的类名**（上游 sphinx-doc/sphinx#14229，PR #14416 修复）。zh 搜索语言借用英文词干
      提取器 english-stemmer.js，那个文件定义的是 ``EnglishStemmer``；而 Sphinx 9 按 ``language_name``
      拼出 language_data.js 的最后一行 ``window.Stemmer = ChineseStemmer;``。ChineseStemmer 不存在，
      浏览器在 language_data.js 里抛出 ReferenceError，searchtools.js 随后 ``new Stemmer()`` 再抛一次，
      搜索页永远停在“正在搜索中”。searchindex.js 本身是对的，所以只看索引发现不了。修正：直接给出同样的
      词干代码，最后一行指向代码里真正定义的类；装的 Sphinx 修好后这一处自动不起作用。
      tests/site/test_site.py 静态检查 language_data.js，tests/site/test_browser.py 在浏览器里真的去搜。
    """
    import re
    from pathlib import Path
    from types import SimpleNamespace

    from sphinx.search import IndexBuilder
    from sphinx.search.zh import JIEBA_DEFAULT_DICT, SearchChinese, jieba_load_userdict

    class SiteChinese(SearchChinese):
        def __init__(self, options: dict[str, str]) -> None:
            self._pending_dict = options.get("dict", JIEBA_DEFAULT_DICT)
            super().__init__({**options, "dict": ""})  # 空路径：上游不在构造时载入词典

        def split(self, input: str) -> list[str]:
            if self._pending_dict:
                path, self._pending_dict = self._pending_dict, None
                if Path(path).is_file():
                    jieba_load_userdict(str(path))
            return super().split(input)

    code = IndexBuilder.get_js_stemmer_code(SimpleNamespace(lang=SearchChinese))
    assigned = re.search(r"window\.Stemmer\s*=\s*(\w+);\s*$", code)
    defined = re.findall(r"\b(\w+Stemmer)\s*=\s*function", code)
    if assigned and assigned.group(1) not in defined:
        stemmer = [name for name in defined if name != "BaseStemmer"][-1]  # EnglishStemmer
        SiteChinese.js_stemmer_rawcode = ""  # 空：Sphinx 直接使用下面的 js_stemmer_code
        SiteChinese.js_stemmer_code = code[: assigned.start()] + f"window.Stemmer = {stemmer};\n"
    return SiteChinese


def search_page_math(app, pagename, templatename, context, doctree):
    """搜索结果的摘要里有公式的 TeX 原文：搜索页也加载本站的 MathJax，由 mmdl-search.js 排版摘要。

    把页面标为“含公式”，sphinx.ext.mathjax（优先级 500，在本函数之后）就按 mathjax_path 等设置
    给这一页装上 MathJax。
    """
    if pagename == "search":
        context["has_maths_elements"] = True
        app.add_js_file("mmdl-search.js", loading_method="defer")


def jieba_cache_in_build(app, config):
    """jieba 把主词典的缓存（约 9 MB）写在 tempfile.gettempdir()；改到 BUILDDIR 的缓存目录里。"""
    import jieba

    cache = app.mmdl_settings.cache_dir / "jieba"
    cache.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache)


def restore_index_entries(app):
    """Sphinx 9.0 的增量构建把没有重写的页面的索引条目（searchindex.js 的 ``indexentries``）丢掉。

    索引条目在写页面时才收集（``IndexBuilder.feed``），环境却在读完、写之前就存盘，而从上次的
    searchindex.js 恢复索引（``IndexBuilder.load``）时又不读 ``indexentries``：全量构建之后的第一次增量
    构建只留下重写了的页面的条目，术语表的术语从此搜不到“索引”一栏，searchindex.js 也就与全量构建的不同
    （网站摘要变了，测试的记忆因此全部失效）。索引域（读的阶段收集、随环境存盘）里有每页全部的条目：
    写索引之前，每页的条目都按 ``feed`` 同样的规则从索引域重新算出（重写了的页面结果不变，没有重写的补上）。
    tests/pipeline/test_freshness.py 比较增量与全量构建的索引。
    """
    from sphinx.util.index_entries import split_index_msg

    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return []
    domain = app.env.domains.index_domain.entries
    for docname in indexer._titles:           # 只有带标题、进了索引的页面（与 feed 相同）
        found = set()
        for entry_type, value, target_id, main, _category in domain.get(docname, ()):
            try:
                result = split_index_msg(entry_type, value)
            except ValueError:
                continue
            if entry_type in {"see", "seealso"}:
                found.add((result[0], target_id or "", main))
            found |= {(x, target_id or "", main) for x in result}
        indexer._index_entries[docname] = sorted(found)
    return []


def setup(app):
    app.add_search_language(search_language())
    app.connect("config-inited", jieba_cache_in_build, priority=800)  # 在 examples_ext 设好 app.mmdl_settings 之后
    app.connect("html-page-context", search_page_math, priority=400)
    app.connect("html-collect-pages", restore_index_entries)  # 在写 searchindex.js 之前
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
