"""构建出的网站的静态检查（不需要浏览器）：链接、本地资源、图片、“运行验证”一行、下载文件、搜索索引。

网站默认在 _build/html（make test 先构建它）；MMDL_HTML_DIR 可指定别的目录。
"""
import functools
import json
import re
import sys
from pathlib import Path

import pytest

import downloads
import runner
from browser_support import (
    CJK_LINEBREAK,
    SEARCH_CASES,
    TEX_LEFTOVER,
    examples_on_page,
    html_dir,
    load_searchindex,
    page_path,
    parse_html,
    read_terms,
    resolve,
    search_dictionary,
    site_missing_reason,
)
from runner import requirements
from support import SETTINGS

pytestmark = pytest.mark.skipif(site_missing_reason() is not None, reason=site_missing_reason() or "")

# 会被浏览器自动加载的资源属性（<a href> 是读者点的链接，可以指向外站，不在此列）
RESOURCE_ATTRS = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
                  "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
                  "object": ("data",), "track": ("src",), "input": ("src",)}
LIB_PACKAGES = {shown: dist for dist, shown in runner.LIBRARIES.values()}  # 页面上的名字 → 发行包名


@functools.lru_cache(maxsize=None)
def html_files():
    d = html_dir()
    return sorted(p for p in d.rglob("*.html") if not p.relative_to(d).parts[0].startswith("_"))


@functools.lru_cache(maxsize=None)
def tree(path):
    return parse_html(path)


@functools.lru_cache(maxsize=None)
def ids(path):
    t = tree(path)
    out = {el.attrs["id"] for el in t.iter() if "id" in el.attrs}
    out |= {el.attrs["name"] for el in t.iter("a") if "name" in el.attrs}
    return out


def main_text(path):
    main = next((el for el in tree(path).iter() if el.attrs.get("role") == "main"), None)
    assert main is not None, f"{path} 没有 role=main 的正文"
    return main.text()


def rel(path):
    return path.relative_to(html_dir()).as_posix()


def test_internal_links_and_anchors_resolve():
    broken = []
    for page in html_files():
        for el in tree(page).iter():
            for attr in ("href", "src"):
                url = el.attrs.get(attr)
                if not url or url.startswith(("mailto:", "javascript:")):
                    continue
                target = resolve(page, url)
                if target is None:
                    continue
                path, frag = target
                if not path.is_file():
                    broken.append(f"{rel(page)}: <{el.tag} {attr}={url!r}> 指向不存在的文件")
                elif frag and path.suffix == ".html" and frag not in ids(path):
                    broken.append(f"{rel(page)}: <{el.tag} {attr}={url!r}> 的锚点 #{frag} 在 {rel(path)} 里不存在")
    assert not broken, "\n".join(broken)


def test_no_resource_is_loaded_from_another_host():
    external = []
    for page in html_files():
        for el in tree(page).iter():
            for attr in RESOURCE_ATTRS.get(el.tag, ()):
                for url in re.split(r",\s*", el.attrs.get(attr, "")):
                    url = url.strip().split(" ")[0]
                    if url and resolve(page, url) is None and not url.startswith("data:"):
                        external.append(f"{rel(page)}: <{el.tag} {attr}={url!r}>")
        for el in tree(page).iter("style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(https?:)?//", el.text()):
                external.append(f"{rel(page)}: <style> 引用了外部地址")
    static = html_dir() / "_static"
    for css in static.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text):
            external.append(f"{css.relative_to(html_dir())}: {m.group(1)}")
    assert not external, "这些资源会从外部主机加载（断网时失效）：\n" + "\n".join(external)


def test_every_image_exists_and_every_example_figure_is_shown():
    problems = []
    for page in html_files():
        for img in tree(page).iter("img"):
            target = resolve(page, img.attrs.get("src", ""))
            if target is not None and (not target[0].is_file() or target[0].stat().st_size == 0):
                problems.append(f"{rel(page)}: 图片 {img.attrs.get('src')} 不存在或为空")
            if not img.attrs.get("alt"):
                problems.append(f"{rel(page)}: 图片 {img.attrs.get('src')} 没有 alt 文字")
        for ex, box in examples_on_page(tree(page)):
            stamp = runner.load_stamp(SETTINGS, ex) if ex else None
            if stamp is None:
                problems.append(f"{rel(page)}: 示例 {ex!r} 没有运行记录")
                continue
            if not (runner.result_dir(SETTINGS, ex) / "stdout.txt").read_text(encoding="utf-8").strip():
                problems.append(f"{rel(page)}: 示例 {ex} 没有打印任何结果")
            shown = [img for img in box.iter("img") if img.has_class("mmdl-figure")]
            if len(shown) != stamp["figures"]:
                problems.append(f"{rel(page)}: 示例 {ex} 画了 {stamp['figures']} 张图，页面上有 {len(shown)} 张")
            for img in shown:
                data = resolve(page, img.attrs["src"])[0].read_bytes()
                if not data.startswith(b"\x89PNG") or len(data) <= 1000:
                    problems.append(f"{rel(page)}: {img.attrs['src']} 不是 PNG，或小得不像一张图（{len(data)} 字节）")
    assert not problems, "\n".join(problems)


def test_every_page_with_examples_has_a_generated_verified_line():
    labels = runner.ENV_LABELS
    pins = {labels[env]: requirements.pins(env, everywhere=True) for env in runner.ENVS}
    problems, pages_with_examples = [], 0
    for page in html_files():
        t = tree(page)
        found = examples_on_page(t)
        lines = list(t.iter("p", "mmdl-verified"))
        if not found:
            if lines:
                problems.append(f"{rel(page)}: 没有示例却有“运行验证”一行")
            continue
        pages_with_examples += 1
        if len(lines) != 1:
            problems.append(f"{rel(page)}: 有 {len(found)} 个示例，“运行验证”行有 {len(lines)} 条（应为 1）")
            continue
        line = lines[0]
        text = line.text()
        # 位置：紧跟在页面标题 h1 后面
        siblings = [c for c in line.parent.children if not isinstance(c, str)]
        i = siblings.index(line)
        if i == 0 or siblings[i - 1].tag != "h1":
            problems.append(f"{rel(page)}: “运行验证”一行不在标题下面")
        m = re.match(r"本页 (\d+) 个示例最近一次运行于 (\d{4}-\d{2}-\d{2})（CPU，离线）。(.*)。$", text)
        if not m:
            problems.append(f"{rel(page)}: “运行验证”一行格式不对：{text}")
            continue
        if int(m.group(1)) != len(found):
            problems.append(f"{rel(page)}: 写着 {m.group(1)} 个示例，页面上有 {len(found)} 个")
        dates = {(runner.load_stamp(SETTINGS, ex) or {}).get("date") for ex, _ in found}
        if m.group(2) != max(d or "" for d in dates):
            problems.append(f"{rel(page)}: 日期 {m.group(2)} 不是示例运行记录里的最新日期 {max(dates)}")
        # 库版本：与两个环境钉死的版本一致（说明这一行来自真实运行，而不是手写的）
        envs_used = {runner.declared_env(SETTINGS, ex) for ex, _ in found}
        for part in m.group(3).split("；"):
            env_name, _, libs = part.partition("：")
            if env_name not in pins:
                problems.append(f"{rel(page)}: 未知的环境 {env_name!r}")
                continue
            for lib in libs.split("、"):
                name, _, version = lib.rpartition(" ")
                pkg = LIB_PACKAGES.get(name)
                pinned_version = pins[env_name].get(pkg) or pins[env_name].get(f"{pkg}-cpu")
                if pkg and pinned_version != version:
                    problems.append(f"{rel(page)}: {env_name} 的 {name} 写着 {version}，钉死的版本是 {pinned_version}")
                if name == "Python" and env_name == labels["main"] and version != "%d.%d.%d" % sys.version_info[:3]:
                    problems.append(f"{rel(page)}: 主环境 Python 写着 {version}，实际是 {sys.version.split()[0]}")
        named = {p.partition("：")[0] for p in m.group(3).split("；")}
        expected = {labels[e] for e in envs_used}
        if named != expected:
            problems.append(f"{rel(page)}: 列出的环境 {sorted(named)} 与示例声明的环境 {sorted(expected)} 不符")
    assert pages_with_examples, "没有一个页面含示例"
    assert not problems, "\n".join(problems)


def test_every_example_offers_its_script_and_a_notebook():
    problems = []
    for page in html_files():
        for ex, box in examples_on_page(tree(page)):
            links = [a for a in box.iter("a") if "download" in a.attrs.get("class", "")]
            kinds = sorted(Path(a.attrs["href"]).suffix for a in links)
            if kinds != [".ipynb", ".py"]:
                problems.append(f"{rel(page)}: 示例 {ex} 的下载链接是 {kinds}")
                continue
            for a in links:
                path = resolve(page, a.attrs["href"])[0]
                if not path.is_file():
                    problems.append(f"{rel(page)}: 下载文件 {a.attrs['href']} 不存在")
                elif path.suffix == ".py":
                    # 下载的脚本 = 由 examples/ 里的示例生成的独立脚本（mmdl 的函数内联），不是别的文件
                    if path.read_text(encoding="utf-8") != downloads.standalone(SETTINGS, ex)[0]:
                        problems.append(f"{rel(page)}: 下载的 {path.name} 不是由 examples/{ex} 生成的独立脚本")
                else:
                    nb = json.loads(path.read_text(encoding="utf-8"))
                    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
                    if nb.get("nbformat") != 4 or "def main(" not in code:
                        problems.append(f"{rel(page)}: {path.name} 不是由示例生成的笔记本")
    assert not problems, "\n".join(problems)


def test_contributing_guide_switch_tables_come_from_the_switches():
    """贡献指南的两张开关表由开关自己的说明生成：运行器的每个开关（runner/settings.py）与测试的每个开关（tests/switches.py）各占一行。"""
    import switches
    from runner import settings

    page = (html_dir() / "contributing.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="[^"]*mmdl-switches.*?</table>', page, re.S)
    assert len(tables) == 2, "贡献指南里应有两张生成的开关表"
    for table, rows in zip(tables, (settings.table(), switches.table())):
        cells = re.findall(r"<tr.*?</tr>", table, re.S)
        assert len(cells) == len(rows) + 1
        for row in rows:
            assert any(row[0] in c and row[1].replace("—", "") in c for c in cells), row


def test_build_markers_are_not_shown_to_readers():
    """``# timing-output: …`` 这样的构建标记写给运行器与测试：页面上的代码、下载的 .py 与 .ipynb 里都没有它，其余每一行都在。"""
    marked = [r for r in runner.all_examples(SETTINGS) if runner.parsed(SETTINGS, r).marker_lines]
    assert marked, "没有一个示例带构建标记：这项检查什么也没查"
    for ex in marked:
        src = runner.parsed(SETTINGS, ex)
        text, parts = downloads.standalone(SETTINGS, ex)
        assert "timing-output" not in text, ex
        shown = [ln for ln in src.shown_lines() if ln.strip() and not ln.startswith("# env:")]
        assert all(ln in text for ln in shown if "from mmdl" not in ln), ex
    pages = [p for p in html_files() if any(ex in p.read_text(encoding="utf-8") for ex in marked)]
    assert pages
    for page in pages:
        assert "timing-output" not in page.read_text(encoding="utf-8"), rel(page)


def test_search_stemmer_is_defined():
    """Sphinx 9.0 的中文搜索缺陷（见 docs/_ext/zh_search.py）：language_data.js 把未定义的类赋给 window.Stemmer。"""
    js = (html_dir() / "_static" / "language_data.js").read_text(encoding="utf-8")
    m = re.search(r"window\.Stemmer\s*=\s*(\w+);", js)
    if m is None:
        assert re.search(r"\bvar Stemmer\b|\bStemmer\s*=\s*function", js), "language_data.js 没有定义 Stemmer"
    else:
        assert re.search(rf"\b{m.group(1)}\s*=\s*function", js), (
            f"language_data.js 把未定义的 {m.group(1)} 赋给 window.Stemmer：浏览器里的搜索会出错")


def index_keys(word):
    """一个查询词在 searchindex.js 里的形式（与 searchtools.js 相同：小写，英文词干）。"""
    if re.fullmatch(r"[A-Za-z0-9_]+", word):
        import snowballstemmer

        stem = snowballstemmer.stemmer("english").stemWord(word.lower())
        return {stem, word.lower()}
    return {word}


def docs_for(index, word):
    out = set()
    for key in index_keys(word):
        for table in ("terms", "titleterms"):
            hit = index[table].get(key)
            if hit is not None:
                out |= {hit} if isinstance(hit, int) else set(hit)
    return {index["docnames"][i] for i in out}


def test_terms_dictionary_is_well_formed():
    lines = [ln for ln in search_dictionary().splitlines() if ln.strip() and not ln.startswith("#")]
    words = [ln.split()[0] for ln in lines]
    assert len(words) == len(set(words)), f"docs/glossary.tsv 有重复的词：{sorted(w for w in words if words.count(w) > 1)}"
    for ln in lines:
        assert re.fullmatch(r"\S+( \d+)?( [a-z]+)?", ln), f"搜索词典的行不是“词 [词频] [词性]”：{ln!r}"


def test_every_dictionary_term_is_used_and_indexed_whole():
    """搜索词典（由 docs/glossary.tsv 生成）来自各章自己的术语：每个词都出现在某一页正文里，并作为整词进入搜索索引。"""
    index = load_searchindex()
    texts = {rel(p): re.sub(r"\s+", "", main_text(p)) for p in html_files()}
    unused, split = [], []
    for term in read_terms():
        if not any(term in t for t in texts.values()):
            unused.append(term)
        elif not docs_for(index, term):
            split.append(term)
    assert not unused, f"docs/glossary.tsv 里这些词没有出现在任何页面：{unused}（删掉，或检查章节用词）"
    assert not split, f"这些词出现在页面里，却没有作为整词进入 searchindex.js：{split}"


@pytest.mark.parametrize("word", sorted(SEARCH_CASES))
def test_key_term_is_indexed_for_its_chapter(word):
    expected = [d for d in SEARCH_CASES[word] if page_path(d).is_file()]
    assert expected, f"搜索用例 {word!r} 期望的章节 {SEARCH_CASES[word]} 一个也不存在（改名了？请更新 SEARCH_CASES）"
    found = docs_for(load_searchindex(), word)
    assert found & set(expected), f"搜索索引里 {word!r} 指向 {sorted(found)}，不含 {expected}"


def test_pages_declare_chinese_and_show_no_markup_errors_raw_tex_or_cjk_gaps():
    problems = []
    for page in html_files():
        t = tree(page)
        for el in t.iter():
            if el.has_class("problematic") or el.has_class("system-message"):
                problems.append(f"{rel(page)}: reST 标记错误显示在页面上：{el.text()[:60]!r}")
        html = next(t.iter("html"))
        if html.attrs.get("lang") != "zh-CN":
            problems.append(f"{rel(page)}: <html lang={html.attrs.get('lang')!r}>")
        if rel(page) == "search.html":
            continue
        main = next(el for el in t.iter() if el.attrs.get("role") == "main")
        skip = {"pre", "code", "script", "style"}
        parts = []

        def walk(el):
            if el.tag in skip or el.has_class("math"):  # noqa: B023 —— walk 只在本轮循环里调用
                return
            for c in el.children:
                parts.append(c) if isinstance(c, str) else walk(c)  # noqa: B023

        walk(main)
        text = "".join(parts)
        for m in TEX_LEFTOVER.finditer(text):  # 未生效的 reST 行内标记由 tests/site/test_markup.py 检查
            problems.append(f"{rel(page)}: 数学环境之外有 LaTeX：{text[max(0, m.start() - 30): m.end() + 30]!r}")
        for node_text in parts:  # 同一个文本节点里（跨元素的换行是 HTML 排版，不算）
            for m in CJK_LINEBREAK.finditer(node_text):
                problems.append(f"{rel(page)}: 汉字之间的换行（浏览器里是多余的空格）："
                                f"{node_text[max(0, m.start() - 20): m.end() + 20]!r}")
    assert not problems, "\n".join(problems)
