"""每页末尾“本页如何验证”的说明：由 docs/_ext/verification.py 从测试模块生成。"""
import ast
import re

import pytest

import verification
from browser_support import html_dir
from support import GOOD, ROOT, build, make_project

HTML = html_dir()  # 被测的网站：$BUILDDIR/html（--site 可改），与其他读网站的测试相同


def pages_with_examples():
    for page in sorted((ROOT / "docs").glob("*/*.rst")):
        if re.search(r"^\.\. example(-tabs)?::", page.read_text(encoding="utf-8"), re.M):
            yield page.relative_to(ROOT / "docs").with_suffix("").as_posix()


def test_every_page_with_examples_has_a_test_module():
    """每个含示例的页面都有对应的测试模块（docs/basics/x.rst → tests/chapters/test_x.py，docs/libraries/x.rst → tests/chapters/test_lib_x.py）。"""
    docs = list(pages_with_examples())
    assert len(docs) >= 15
    missing = [d for d in docs if not verification.test_module_for(d, ROOT / "tests").is_file()]
    assert not missing, missing


def test_built_pages_carry_the_generated_note():
    """生成的网站里，每个含示例的页面末尾都有折叠的说明，列出的检查项数与测试模块里的测试函数个数相同，并链接到方法页。"""
    if not HTML.is_dir():
        pytest.skip(f"没有生成的网站 {HTML}（先运行 make html）")
    for doc in pages_with_examples():
        html = (HTML / f"{doc}.html").read_text(encoding="utf-8")
        note = html[html.index('class="sd-sphinx-override sd-dropdown sd-card sd-mb-3 mmdl-verification"'):]
        tree = ast.parse(verification.test_module_for(doc, ROOT / "tests").read_text(encoding="utf-8"))
        n = sum(isinstance(f, ast.FunctionDef) and f.name.startswith("test_") for f in tree.body)
        assert f"共 {n} 项检查" in note, doc
        assert 'href="../method.html"' in note, doc


def test_missing_test_module_fails_the_build_and_docstrings_become_the_note(tmp_path):
    """含示例却没有测试模块的页面让构建失败并说出缺的文件；补上测试模块后，测试函数的文档字符串出现在页面上。"""
    project = make_project(tmp_path, {"good.py": GOOD})
    (project / "docs" / "method.rst").write_text("方法\n====\n\n正文。\n", encoding="utf-8")
    index = project / "docs" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   method\n", encoding="utf-8")
    (project / "tests").mkdir()
    r = build(project)
    assert r.returncode != 0
    assert "demo/ch" in r.stderr and "tests/chapters/test_demo_ch.py" in r.stderr, r.stderr
    (project / "tests" / "chapters").mkdir()
    (project / "tests" / "chapters" / "test_demo_ch.py").write_text(
        '"""演示章。"""\n\n\ndef test_value():\n    """输出的值是 42，``main`` 不接受参数。"""\n\n\n'
        "def test_other():\n    pass\n", encoding="utf-8")
    r = build(project)
    assert r.returncode == 0, r.stderr
    html = (project / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")
    assert "本页如何验证" in html and "共 2 项检查，其中：" in html
    assert "输出的值是 42，" in html and "<code" in html.split("输出的值是 42，")[1][:200]
    assert "另有 1 项检查没有单独的说明" in html
