"""执行式文档的管线：每个示例都被页面引用、构建在示例出错时失败并说出示例名、只重跑改过的示例。

构建类测试在临时目录里搭一个只有几个小示例的 Sphinx 项目（沿用仓库的 conf.py 与扩展），
用子进程运行 sphinx-build，所以不会碰仓库里的 _build/。
"""
import os
import re
import subprocess
import sys

import pytest

from support import GOOD, ROOT, SETTINGS, build, make_project, runner, stamp_times

DOCS = ROOT / "docs"
EXAMPLE_REF = re.compile(r"^\s*(?:\.\. example::\s*|[^\s:][^:]*:\s*)(\S+\.py)\s*$")


def referenced_examples():
    """{示例相对路径: [引用它的页面]}，来自 example 与 example-tabs 指令。"""
    refs = {}
    for page in sorted(DOCS.rglob("*.rst")):
        if "_ext" in page.parts:
            continue
        in_tabs = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(".. example-tabs::"):
                in_tabs = True
                continue
            if in_tabs and line.strip() and not line.startswith((" ", "\t")):
                in_tabs = False
            m = EXAMPLE_REF.match(line)
            if m and (line.strip().startswith(".. example::") or in_tabs):
                refs.setdefault(m.group(1), []).append(page.relative_to(DOCS).as_posix())
    return refs


def test_every_example_declares_its_environment():
    for rel in runner.all_examples(SETTINGS):
        assert runner.declared_env(SETTINGS, rel) in runner.ENVS


def test_every_example_is_included_by_its_chapter_page():
    refs = referenced_examples()
    missing = [rel for rel in runner.all_examples(SETTINGS) if rel not in refs]
    assert not missing, f"这些示例没有被任何页面引用：{missing}"
    for rel, pages in refs.items():
        part, chapter = rel.split("/")[:2]
        assert f"{part}/{chapter}.rst" in pages, f"{rel} 应出现在它的章节页 docs/{part}/{chapter}.rst 里"


def test_pages_include_only_existing_examples():
    missing = {rel: pages for rel, pages in referenced_examples().items() if not (SETTINGS.examples / rel).is_file()}
    assert not missing, f"页面引用了不存在的示例：{missing}"


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

def test_build_shows_code_output_and_figures(tmp_path):
    plot = '''\
    # env: main
    """画图示例：一条中文标题的曲线。"""
    import argparse

    import matplotlib.pyplot as plt


    def main(argv=None):
        argparse.ArgumentParser().parse_args(argv)
        plt.plot([0, 1], [1, 0])
        plt.title("中文标题")
        plt.show()
        print("结果: 1")


    if __name__ == "__main__":
        main()
    '''
    project = make_project(tmp_path, {"good.py": GOOD, "plot.py": plot})
    r = build(project)
    assert r.returncode == 0, r.stderr
    html = (project / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")
    assert "值: 42" in html and "结果: 1" in html
    assert "good.py" in html and "good.ipynb" in html
    assert re.search(r'<img[^>]+src="[^"]*fig-1[^"]*\.png"', html)
    assert "mmdl-verified" in html and "本页 2 个示例最近一次运行于" in html


def test_unchanged_examples_are_not_rerun_and_a_changed_one_is(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD, "b.py": GOOD})
    assert build(project).returncode == 0
    first = stamp_times(project)
    assert build(project).returncode == 0
    assert stamp_times(project) == first, "没有改动时不应重跑任何示例"
    a = project / "examples" / "demo" / "ch" / "a.py"
    a.write_text(GOOD.replace("42", "43"), encoding="utf-8")
    r = build(project)
    assert r.returncode == 0, r.stderr
    after = stamp_times(project)
    assert after["b"] == first["b"] and after["a"] != first["a"], "只应重跑改过的 a.py"
    assert "值: 43" in (project / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")


FAULTS = {
    "failing": ('import sys\nprint("开始")\nraise ValueError("示例里的错误")\n', "ValueError"),
    "hanging": ("import time\ntime.sleep(60)\n", "超时"),
    "outside": ("open({path!r}, 'w').write('x')\n", "越界"),
    "network": ("import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n", "联网"),
    "noheader": (None, "第一行必须声明运行环境"),
}


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_a_faulty_example_fails_the_build_naming_it(tmp_path, kind):
    body, expected = FAULTS[kind]
    name = f"bad_{kind}.py"
    if body is None:
        src = GOOD.split("\n", 1)[1]
    else:
        src = '# env: main\n"""有问题的示例。"""\n' + body.format(path=str(tmp_path / "outside.txt"))
    project = make_project(tmp_path, {"good.py": GOOD, name: src})
    r = build(project, MMDL_TIMEOUT="20")  # 共享的机器很忙时，好示例也可能要几秒
    assert r.returncode != 0
    assert f"demo/ch/{name}" in r.stderr and expected in r.stderr, r.stderr
    assert not (tmp_path / "outside.txt").exists()


def test_stale_output_fails_when_rerunning_is_forbidden(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD})
    assert build(project).returncode == 0
    (project / "examples" / "demo" / "ch" / "a.py").write_text(GOOD.replace("42", "7"), encoding="utf-8")
    r = build(project, MMDL_RUN="never")
    assert r.returncode != 0 and "demo/ch/a.py" in r.stderr and "过期" in r.stderr


def test_missing_chinese_glyph_fails_the_example(tmp_path):
    src = '''\
    # env: main
    """缺字检查：标题里有字体中没有的字（U+13000，中文字体与 DejaVu Sans 都没有），示例必须失败。"""
    import argparse

    import matplotlib.pyplot as plt


    def main(argv=None):
        argparse.ArgumentParser().parse_args(argv)
        plt.title("缺字\U00013000")
        plt.show()


    if __name__ == "__main__":
        main()
    '''
    rc = tmp_path / "matplotlibrc"
    rc.write_text("font.family: sans-serif\nfont.sans-serif: DejaVu Sans\n", encoding="utf-8")
    project = make_project(tmp_path, {"glyph.py": src})
    r = build(project, MMDL_MATPLOTLIBRC=str(rc))
    assert r.returncode != 0 and "demo/ch/glyph.py" in r.stderr and "missing from" in r.stderr


def test_a_page_including_a_missing_example_fails(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD})
    page = project / "docs" / "demo" / "ch.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\n.. example:: demo/ch/nope.py\n", encoding="utf-8")
    r = build(project)
    assert r.returncode != 0 and "demo/ch/nope.py" in r.stderr and "不存在" in r.stderr


def test_downloaded_notebook_runs_like_in_jupyter(tmp_path):
    """下载的 .ipynb 在 Jupyter 里要能直接运行：内核的命令行参数（-f …json）不能让 argparse 报错。"""
    import json

    import examples_ext

    rel = "basics/activation/softmax_stability.py"
    nb = json.loads(examples_ext.downloads_for(SETTINGS, rel)[1].read_text(encoding="utf-8"))
    code = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    script = tmp_path / "nb.py"
    ipython = ("import sys\nsys.argv = ['ipykernel_launcher.py', '-f', '/tmp/kernel.json']\n"
               "__doc__ = 'Automatically created module for IPython interactive environment'\n")
    script.write_text(ipython + code)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path,
                       env=dict(os.environ, MPLBACKEND="Agg"), timeout=120)
    assert r.returncode == 0, r.stderr
    assert "平移不变性成立: True" in r.stdout
