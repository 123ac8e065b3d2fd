"""每页末尾“本页如何验证”的说明：由 docs/_ext/verification.py 从测试模块生成。

构建这一侧（缺测试模块的页面让构建失败、文档字符串成为说明）在临时项目里检验：
tests/pipeline/test_pipeline.py 的 test_missing_test_module_fails_the_build_naming_it 与
test_chapter_test_docstrings_become_the_note。
"""
import ast
import re

import pytest

import verification
from browser_support import html_dir
from support import ROOT

HTML = html_dir()  # 被测的网站：$BUILDDIR/html（--site 可改），与其他读网站的测试相同


def pages_with_examples():
    for page in sorted((ROOT / "docs").glob("*/*.rst")):
        if re.search(r"^\.\. example(-tabs)?::", page.read_text(encoding="utf-8"), re.M):
            yield page.relative_to(ROOT / "docs").with_suffix("").as_posix()


def test_built_pages_carry_the_generated_note():
    """生成的网站里，每个含示例的页面末尾都有折叠的说明，列出的检查项数与测试模块里的测试函数个数相同，并链接到方法页。"""
    if not HTML.is_dir():
        pytest.skip(f"没有生成的网站 {HTML}（先运行 make html）")
    docs = list(pages_with_examples())
    assert len(docs) >= 15
    for doc in docs:
        html = (HTML / f"{doc}.html").read_text(encoding="utf-8")
        note = html[html.index('class="sd-sphinx-override sd-dropdown sd-card sd-mb-3 mmdl-verification"'):]
        tree = ast.parse(verification.test_module_for(doc, ROOT / "tests").read_text(encoding="utf-8"))
        n = sum(isinstance(f, ast.FunctionDef) and f.name.startswith("test_") for f in tree.body)
        assert f"共 {n} 项检查" in note, doc
        assert 'href="../method.html"' in note, doc
