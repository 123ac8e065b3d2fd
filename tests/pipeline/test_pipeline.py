"""执行式文档的管线：每个示例都被页面引用、构建在示例出错时失败并说出示例名、只重跑改过的示例。

构建类测试在临时目录里搭一个只有几个小示例的 Sphinx 项目（沿用仓库的 conf.py 与扩展），
用子进程运行 sphinx-build，所以不会碰仓库里的 _build/。出错的各种示例放在同一个“故障”项目里，
构建一次（它报出每一个失败），由下面几个测试分别检查；各个临时项目共用本机缓存（support.SHARED_CACHE）。
"""
import os
import re
import subprocess
import sys

import pytest

from support import FAULTS, GOOD, ROOT, SETTINGS, build, faults_build, make_project, page, runner

DOCS = ROOT / "docs"
EXAMPLE_REF = re.compile(r"^\s*(?:\.\. example::\s*|[^\s:][^:]*:\s*)(\S+\.py)\s*$")


def referenced_examples():
    """{示例相对路径: [引用它的页面]}，来自 example 与 example-tabs 指令。"""
    refs = {}
    for rst in sorted(DOCS.rglob("*.rst")):
        if "_ext" in rst.parts:
            continue
        in_tabs = False
        for line in rst.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(".. example-tabs::"):
                in_tabs = True
                continue
            if in_tabs and line.strip() and not line.startswith((" ", "\t")):
                in_tabs = False
            m = EXAMPLE_REF.match(line)
            if m and (line.strip().startswith(".. example::") or in_tabs):
                refs.setdefault(m.group(1), []).append(rst.relative_to(DOCS).as_posix())
    return refs


def test_every_example_is_included_by_its_chapter_page():
    refs = referenced_examples()
    missing = [rel for rel in runner.all_examples(SETTINGS) if rel not in refs]
    assert not missing, f"这些示例没有被任何页面引用：{missing}"
    for rel, pages in refs.items():
        part, chapter = rel.split("/")[:2]
        assert f"{part}/{chapter}.rst" in pages, f"{rel} 应出现在它的章节页 docs/{part}/{chapter}.rst 里"


def test_every_chapter_folder_has_a_page():
    for folder in sorted(p for p in SETTINGS.examples.glob("*/*") if p.is_dir() and p.name != "__pycache__"):
        if folder.parent.name == "mmdl":
            continue
        page = DOCS / folder.parent.name / f"{folder.name}.rst"
        assert page.is_file(), f"examples/{folder.parent.name}/{folder.name}/ 没有对应的页面 {page}"


def test_examples_follow_the_conventions():
    for rel in runner.all_examples(SETTINGS):
        parsed = runner.parsed(SETTINGS, rel)  # 与运行器、下载读同一次解析（runner/source.py）
        src = parsed.text
        assert re.search(r"[\u4e00-\u9fff]", parsed.docstring.split("\n", 1)[0]), f"{rel}：缺少中文文档字符串"
        assert "def main(" in src and 'if __name__ == "__main__":' in src, f"{rel}：需要 main() 与入口"
        assert "argparse" in src, f"{rel}：参数用 argparse 解析"
        assert "savefig(" not in src or rel.startswith("libraries/matplotlib/"), f"{rel}：图片由运行器保存"


PARSE_CASE = '''\
# env: mxnet
# timing-output: 打印的耗时随机器变化
"""文档字符串：第一句。"""
import os, numpy as np
from matplotlib import pyplot as plt
from mmdl.cli import positive_int, seed_everything


def later():
    import pandas
    from sklearn import datasets
    from . import sibling
'''


def test_one_parse_of_an_example_states_every_fact(tmp_path):
    """示例源码只解析一次（runner/source.py）：环境声明、文档字符串、顶层 import（``import a, b`` 两个都算）与任何深度的 import 分开记、顶层的 pyplot、构建标记与它所在的行、用到的 mmdl 函数。"""
    from runner import source

    path = tmp_path / "ex.py"
    path.write_text(PARSE_CASE, encoding="utf-8")
    s = source.parse(path)
    assert s.env == "mxnet" and s.docstring == "文档字符串：第一句。"
    assert s.top_imports == {"os", "numpy", "matplotlib", "mmdl"}
    assert s.all_imports == s.top_imports | {"pandas", "sklearn"}
    assert s.pyplot_top and s.timing and s.marker_lines == (2,)
    assert s.mmdl == {"cli": ("positive_int", "seed_everything")}
    assert "timing-output" not in "\n".join(s.shown_lines()) and len(s.shown_lines()) == len(PARSE_CASE.splitlines()) - 1
    assert source.parse(path) is s  # 内容没变：缓存
    path.write_text(PARSE_CASE.replace("import pandas", "import scipy"), encoding="utf-8")
    assert "scipy" in source.parse(path).all_imports  # 内容变了：重新解析


@pytest.mark.parametrize("module", ["site/test_site.py", "site/test_verification.py", "site/test_editions.py"])
def test_site_reading_tests_follow_builddir(tmp_path, module):
    """读网站与成书的测试跟随 BUILDDIR（MMDL_GEN_DIR）：指向一个还没有网站的目录时，它们说的是那个目录，不去读仓库里的 _build。"""
    elsewhere = tmp_path / "elsewhere"
    env = {k: v for k, v in os.environ.items() if k not in ("MMDL_HTML_DIR", "MMDL_STRICT", "CI")}
    env["MMDL_GEN_DIR"] = str(elsewhere)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p", "no:xdist",
                        str(ROOT / "tests" / module)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "skipped" in r.stdout and str(elsewhere) in r.stdout, r.stdout[-3000:]
    assert str(ROOT / "_build") not in r.stdout, "有测试读的是仓库里的 _build，而不是 BUILDDIR"


# ---------- 用临时项目检验构建的行为 ----------

PLOT = '''\
# env: main
"""画图示例：一条中文标题的曲线。"""
import argparse

import matplotlib.pyplot as plt
import numpy as np


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    plt.plot(np.array([0, 1]), [1, 0])
    plt.title("中文标题")
    plt.show()
    print("结果: 1")


if __name__ == "__main__":
    main()
'''
CHAPTER_TESTS = ('"""演示章。"""\n\n\ndef test_value():\n    """输出的值是 42，``main`` 不接受参数。"""\n\n\n'
                 "def test_other():\n    pass\n")


@pytest.fixture(scope="module")
def showcase(tmp_path_factory):
    """一个好项目，构建一次：两个示例（一个画图、用 NumPy，在预加载的解释器里运行）、方法页、章节的测试模块。

    它不用共享的缓存，生成目录在项目之外（MMDL_GEN_DIR），系统临时目录（TMPDIR）是一个空目录：
    检验默认的缓存位置（生成目录里）与“构建只写生成目录”。
    """
    root = tmp_path_factory.mktemp("showcase")
    project = make_project(root / "project", {"good.py": GOOD, "plot.py": PLOT})
    (project / "docs" / "method.rst").write_text("方法\n====\n\n正文。\n", encoding="utf-8")
    index = project / "docs" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   method\n", encoding="utf-8")
    (project / "tests" / "chapters").mkdir(parents=True)
    (project / "tests" / "chapters" / "test_demo_ch.py").write_text(CHAPTER_TESTS, encoding="utf-8")
    empty, gen = root / "tmp", root / "gen"
    empty.mkdir()
    r = build(project, TMPDIR=str(empty), MMDL_GEN_DIR=str(gen), MMDL_CACHE_DIR="")
    return project, gen, empty, r


def test_build_shows_code_output_and_figures(showcase):
    project, gen, _, r = showcase
    assert r.returncode == 0, r.stderr
    html = page(project)
    assert "值: 42" in html and "结果: 1" in html
    assert "good.py" in html and "good.ipynb" in html
    assert re.search(r'<img[^>]+src="[^"]*fig-1[^"]*\.png"', html)
    assert "mmdl-verified" in html and "本页 2 个示例最近一次运行于" in html


def test_build_writes_nothing_outside_its_gen_dir(showcase):
    """构建只写生成目录：系统临时目录（TMPDIR）保持为空——jieba 的词典缓存、预加载解释器的临时文件都在生成目录里。"""
    project, gen, empty, r = showcase
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in empty.iterdir()) == []
    assert (gen / "cache" / "jieba").is_dir() and (gen / "cache" / "mathjax").is_dir()


def test_gen_dir_switch_keeps_everything_in_it(showcase):
    project, gen, _, r = showcase
    assert r.returncode == 0, r.stderr
    assert (gen / "examples" / "demo" / "ch" / "good" / "stamp.json").is_file()
    assert not (project / "_build" / "examples").exists()


def test_chapter_test_docstrings_become_the_note(showcase):
    """有测试模块的含示例页面：测试函数的文档字符串出现在页面末尾的“本页如何验证”里（缺测试模块的构建失败见故障项目）。"""
    project, gen, _, r = showcase
    assert r.returncode == 0, r.stderr
    html = page(project)
    assert "本页如何验证" in html and "共 2 项检查，其中：" in html
    assert "输出的值是 42，" in html and "<code" in html.split("输出的值是 42，")[1][:200]
    assert "另有 1 项检查没有单独的说明" in html


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    return faults_build(tmp_path_factory)


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_a_faulty_example_fails_the_build_naming_it(faults, kind):
    project, r, outside = faults
    expected = FAULTS[kind][1]
    assert r.returncode != 0
    message = next((m for m in r.stderr.split("示例 ")[1:] if m.startswith(f"demo/ch/bad_{kind}.py")), "")
    assert message and expected in message, r.stderr
    assert not outside.exists()


def test_missing_chinese_glyph_fails_the_example(faults):
    _, r, _ = faults
    assert r.returncode != 0 and "demo/ch/glyph.py" in r.stderr and "missing from" in r.stderr, r.stderr


def test_a_page_including_a_missing_example_fails(faults):
    _, r, _ = faults
    assert r.returncode != 0 and "demo/ch/nope.py" in r.stderr and "不存在" in r.stderr, r.stderr


def test_a_missing_mxnet_interpreter_is_named_with_its_switch(faults):
    _, r, _ = faults
    assert r.returncode != 0 and "demo/ch/mx.py" in r.stderr
    assert "找不到 MXNet 环境的解释器" in r.stderr and "MMDL_MXNET_PYTHON" in r.stderr, r.stderr


def test_missing_test_module_fails_the_build_naming_it(faults):
    """含示例却没有测试模块的页面让构建失败并说出缺的文件（故障项目有 tests/，却没有 tests/chapters/test_demo_ch.py）。"""
    _, r, _ = faults
    assert r.returncode != 0
    assert "demo/ch" in r.stderr and "tests/chapters/test_demo_ch.py" in r.stderr, r.stderr
