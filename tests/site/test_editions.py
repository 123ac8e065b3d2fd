"""PDF 与 EPUB 版（make pdf、make epub 生成在 _build/editions/）是否完整：

- PDF：书签（大纲）里有每一章的标题；示例的图全部嵌入（张数与网站上的相同）；字体全部嵌入（pdffonts）；
  LaTeX 日志里没有缺字（Missing character）；正文里没有未排版的 TeX；每个示例的输出都在书里。
- EPUB：有 epubcheck（Debian 包）时用它检查；此外自己检查容器（mimetype、container.xml、OPF）、
  每个 XHTML 都是良构的 XML、清单里的文件都在、每一章都在书脊（spine）里、图一张不少、公式已排成图片。

成书没有生成时跳过并说明原因（生成它们要几分钟，make test 不做）；--strict-skips（CI）时改为失败。
"""
import functools
import html
import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from browser_support import TEX_LEFTOVER, docnames, examples_on_page, page_path, parse_html, site_missing_reason
from support import ROOT, SETTINGS

BUILD = SETTINGS.gen_dir  # make 的 BUILDDIR（MMDL_GEN_DIR）：成书在 $BUILDDIR/editions、LaTeX 在 $BUILDDIR/latex
MATHTEXT_STRING = re.compile(r"""r?(["'])[^"'\n]*\$[^"'\n]*\$[^"'\n]*\1""")
PDF = SETTINGS.editions_dir / "mmdeeplearning.pdf"
EPUB = SETTINGS.editions_dir / "mmdeeplearning.epub"
LATEX_LOG = BUILD / "latex" / "mmdeeplearning.log"
NS = {"opf": "http://www.idpf.org/2007/opf", "c": "urn:oasis:names:tc:opendocument:xmlns:container"}


def need(path, command):
    reason = None
    if not path.is_file():
        reason = f"没有 {path}：成书由 {command} 生成（需要几分钟，make test 不生成它）"
    elif site_missing_reason():
        reason = "要与网站对照（章节、图的张数），" + site_missing_reason()
    if reason:
        pytest.skip(reason)  # --strict-skips（CI）时 conftest.py 把它算作失败


def tool(name, package):
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"检查成书需要 {name}（Debian 包 {package}）")
    return path


def chapters():
    """目录里的每一章：(文档名, 标题)，标题取自构建好的网站。"""
    out = []
    for doc in docnames():
        if doc in ("index", "404"):
            continue
        h1 = next(parse_html(page_path(doc)).iter("h1"), None)
        out.append((doc, " ".join(h1.text().replace("\uf0c1", "").replace("¶", "").split())))
    return out


@functools.lru_cache(maxsize=None)
def site_figures():
    return sum(1 for doc in docnames() for img in parse_html(page_path(doc)).iter("img") if img.has_class("mmdl-figure"))


def example_outputs():
    """网站上每个示例输出的第一行（不太长的），用来确认书里带着输出。"""
    out = {}
    for doc in docnames():
        for rel, box in examples_on_page(parse_html(page_path(doc))):
            for div in box.iter("div", "mmdl-output"):
                pre = next(div.iter("pre"), None)
                lines = [ln.strip() for ln in (pre.text() if pre is not None else "").splitlines() if ln.strip()]
                if lines and len(lines[0]) <= 60:
                    out[rel] = lines[0]
    return out


def squash(text):
    """去掉空白；中文字体里的间隔号“・”（提取出来的字）当作“·”。"""
    return re.sub(r"\s+", "", text).replace("\u30fb", "\u00b7")


# ---- PDF ----

@pytest.fixture(scope="module")
def pdf():
    need(PDF, "make pdf")
    return PDF


@functools.lru_cache(maxsize=None)
def pdf_text(path):
    # -layout：保持版面上的行（否则输出里隔得远的几列会被当成分栏，拆到不同的行）
    return subprocess.run([tool("pdftotext", "poppler-utils"), "-layout", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_pdf_outline_has_every_chapter(pdf):
    xml = subprocess.run([tool("pdftohtml", "poppler-utils"), "-xml", "-i", "-q", "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    outline = [" ".join(re.sub(r"<[^>]+>", "", m).split()) for m in re.findall(r"<item[^>]*>(.*?)</item>", xml)]
    assert outline, "PDF 没有书签（大纲）"
    missing = [f"{doc}（{title}）" for doc, title in chapters() if title not in outline]
    assert not missing, f"PDF 的书签里没有这些章：{missing}\n书签：{outline[:40]}"


def test_pdf_chapter_headings_are_chinese_and_no_page_is_blank(pdf):
    pages = pdf_text(pdf).split("\f")[:-1]  # pdftotext 在每页末尾写换页符
    # 正文各章是“第 N 章”，书末附录（练习解答）是“第 A 章”
    headings = [p for p in pages if re.search(r"^\s*第\s*(?:\d+|[A-Z])\s*章\s*$", p, re.M)]
    assert len(headings) >= len(chapters()), f"PDF 里“第 N 章”的章标题只有 {len(headings)} 个，网站有 {len(chapters())} 章"
    english = [i + 1 for i, p in enumerate(pages) if re.search(r"^\s*Chapter\s+\d+\s*$", p, re.M)]
    assert not english, f"这些页上的章标题是英文的 Chapter N：{english[:10]}"
    blank = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    assert not blank, f"PDF 里有空白页（第 {blank[:10]} 页）：章应从任意页开始（openany）"


def test_pdf_embeds_every_figure(pdf):
    rows = subprocess.run([tool("pdfimages", "poppler-utils"), "-list", str(pdf)],
                          capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    images = [r for r in rows if r.split()[2] == "image"]
    assert len(images) == site_figures(), f"网站上有 {site_figures()} 张示例的图，PDF 里嵌入了 {len(images)} 张"


def test_pdf_fonts_are_embedded(pdf):
    rows = subprocess.run([tool("pdffonts", "poppler-utils"), str(pdf)],
                          capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows, "pdffonts 没有列出任何字体"
    # 列：name type encoding emb sub uni object ID —— emb 是倒数第 5 列
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not not_embedded, "这些字体没有嵌入 PDF：\n" + "\n".join(not_embedded)
    assert any("NotoSerifCJK" in r or "NotoSansCJK" in r for r in rows), "PDF 里没有中文字体（Noto CJK）"


def test_latex_log_has_no_missing_characters(pdf):
    assert LATEX_LOG.is_file(), f"没有 LaTeX 日志 {LATEX_LOG}"
    log = LATEX_LOG.read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no .*", log)))
    assert not missing, "缺字：\n" + "\n".join(missing[:30])


def test_pdf_text_is_typeset_and_complete(pdf):
    text = pdf_text(pdf)
    assert "反向传播" in text and "激活函数" in text, "PDF 里提取不出中文正文"
    # 程序清单里 matplotlib 的公式字符串（r"$z = \mathbf{w}^\top x$"）是程序文字，不是没排版的正文
    prose = MATHTEXT_STRING.sub("", text)
    m = TEX_LEFTOVER.search(prose)
    assert not m, f"PDF 正文里留有未排版的 TeX：{prose[max(0, m.start() - 60): m.end() + 60]!r}"
    body = squash(text)
    missing = {rel: line for rel, line in example_outputs().items() if squash(line) not in body}
    assert not missing, f"PDF 里找不到这些示例的输出（第一行）：{missing}"


# ---- EPUB ----

@pytest.fixture(scope="module")
def epub():
    need(EPUB, "make epub")
    return EPUB


def test_epubcheck(epub):
    exe = tool("epubcheck", "epubcheck")
    # Debian 的 /usr/bin/epubcheck 是一个 jar（靠 binfmt_misc 直接执行）；没有 binfmt 时用 java -jar 运行它
    cmd = ["java", "-jar", exe] if Path(exe).read_bytes()[:2] == b"PK" else [exe]
    proc = subprocess.run(cmd + [str(epub)], capture_output=True, text=True, timeout=600)
    report = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0, f"epubcheck 不通过：\n{report[-4000:]}"


def test_epub_structure_chapters_figures_math(epub):
    with zipfile.ZipFile(epub) as z:
        names = z.namelist()
        assert names[0] == "mimetype" and z.read("mimetype") == b"application/epub+zip", "mimetype 必须是第一个文件"
        assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED, "mimetype 不能压缩"
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", NS).get("full-path")
        opf = ET.fromstring(z.read(opf_path))
        base = posixpath.dirname(opf_path) + "/" if "/" in opf_path else ""
        manifest = {item.get("id"): item.get("href") for item in opf.find("opf:manifest", NS)}
        missing = [href for href in manifest.values() if base + href not in names]
        assert not missing, f"OPF 清单里列了、EPUB 里却没有的文件：{missing[:10]}"
        spine = [manifest[ref.get("idref")] for ref in opf.find("opf:spine", NS)]
        assert opf.find(".//{http://purl.org/dc/elements/1.1/}title").text, "EPUB 没有书名"
        bad_xml, figures, tex, math_imgs = [], 0, [], 0
        for href in manifest.values():
            if not href.endswith(".xhtml"):
                continue
            data = z.read(base + href)
            try:
                root = ET.fromstring(data)
            except ET.ParseError as exc:
                bad_xml.append(f"{href}: {exc}")
                continue
            for img in root.iter("{http://www.w3.org/1999/xhtml}img"):
                src = posixpath.normpath(posixpath.join(posixpath.dirname(base + href), img.get("src", "")))
                if src not in names:
                    bad_xml.append(f"{href}: 图片 {img.get('src')} 不在 EPUB 里")
                cls = img.get("class", "").split()
                figures += "mmdl-figure" in cls
                math_imgs += "math" in cls or "/math/" in img.get("src", "")
            # 代码（pre、code 及其中高亮用的 span）不算正文
            code = {id(d) for el in root.iter() if el.tag.split("}")[-1] in ("pre", "code", "script", "style")
                    for d in el.iter()}
            text = "".join(el.text or "" for el in root.iter() if id(el) not in code)
            if TEX_LEFTOVER.search(text):
                tex.append(href)
    assert not bad_xml, "不是良构 XML 的 XHTML，或引用了书里没有的图片：\n" + "\n".join(bad_xml[:20])
    chapters_missing = [doc for doc, _ in chapters() if f"{doc}.xhtml" not in spine]
    assert not chapters_missing, f"EPUB 的书脊里缺这些章：{chapters_missing}"
    assert figures == site_figures(), f"网站上有 {site_figures()} 张示例的图，EPUB 里有 {figures} 张"
    assert math_imgs > 0, "EPUB 里没有排好的公式图片"
    assert not tex, f"这些 EPUB 页面里留有未排版的 TeX：{tex}"


# ---- 章末练习：题目在各章里，解答只在书末的附录“练习解答”里 ----

def book_exercises():
    """[(章的源文件, 练习名, 标题)]：按 docs/solutions.rst 列出的章序（exercises_ext 读的是同一张表）。"""
    import exercises_ext

    docs = [d.strip() for d in (ROOT / "docs" / "solutions.rst").read_text(encoding="utf-8").split(
        ".. exercise-solutions::", 1)[1].splitlines() if d.strip()]
    return [(doc, name, title) for doc in docs
            for name, title, _ in exercises_ext.exercises_in((ROOT / "docs" / f"{doc}.rst").read_text(encoding="utf-8"))]


def _solution_marker(name):
    """解答代码里最长的一行代码的前 40 个字符（去掉空白；书里的程序清单在更靠后的位置才折行）：用来在附录里认出这段解答。"""
    import exercises_ext

    code = exercises_ext.paths(name)[1].read_text(encoding="utf-8")
    lines = [ln.strip() for ln in code.splitlines()
             if ln.strip() and not ln.strip().startswith(("#", '"""', "def "))]
    assert lines, f"{name} 的解答里没有可以辨认的代码行"
    return squash(max(lines, key=len))[:40]


ONLY_ON_SITE = "把下面的代码换进存根里"  # 网站上折叠块里的一句（exercises_ext）：书里不该有


def test_pdf_has_every_exercise_and_solutions_only_in_the_appendix(pdf):
    """PDF：每个练习的标题与一句指向附录的话在正文里；解答都在书末的附录（“第 A 章 练习解答”）里，正文里没有解答的折叠块。"""
    text = squash(pdf_text(pdf))
    found = book_exercises()
    assert len(found) >= 24
    start = text.find(squash("第 A 章"))
    assert start > 0, "PDF 里没有附录（第 A 章）"
    body, appendix = text[:start], text[start:]
    assert appendix[:40].find(squash("练习解答")) >= 0, appendix[:80]
    for doc, name, title in found:
        assert squash(title) in body, f"PDF 正文里找不到练习“{title}”（{doc}）"
        assert _solution_marker(name) in appendix, f"PDF 附录里找不到 {name} 的解答"
    assert body.count(squash("解答在书末的附录")) == len(found), "每个练习下面应有一句指向附录的话"
    assert squash(ONLY_ON_SITE) not in text, "PDF 里有网站上的解答折叠块（解答应只在附录）"


def test_epub_has_every_exercise_and_the_solutions_appendix_last(epub):
    """EPUB：书脊（spine）最后一章是“练习解答”，含每个练习的解答；章节里只有题目和指向附录的一句话。"""
    with zipfile.ZipFile(epub) as z:
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", NS).get("full-path")
        opf = ET.fromstring(z.read(opf_path))
        base = posixpath.dirname(opf_path) + "/" if "/" in opf_path else ""
        manifest = {item.get("id"): item.get("href") for item in opf.find("opf:manifest", NS)}
        spine = [manifest[ref.get("idref")] for ref in opf.find("opf:spine", NS)]
        texts = {href: squash(html.unescape(re.sub(r"<[^>]+>", "", z.read(base + href).decode("utf-8"))))
                 for href in spine}
    assert any(h.startswith("solutions") for h in spine), "EPUB 的书脊里没有 solutions 附录"
    last_chapter = [h for h in spine if not h.startswith(("genindex", "search", "404"))][-1]
    assert last_chapter.startswith("solutions"), f"附录应在最后，书脊的最后一章是 {last_chapter}"
    appendix = texts[last_chapter]
    for doc, name, title in book_exercises():
        chapter = texts.get(f"{doc}.xhtml", "")
        assert squash(title) in chapter, f"EPUB 的 {doc} 里找不到练习“{title}”"
        assert "解答在书末的附录" in chapter and squash(ONLY_ON_SITE) not in chapter, doc
        assert _solution_marker(name) in appendix, f"EPUB 附录里找不到 {name} 的解答"
