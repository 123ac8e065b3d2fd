"""测试的记忆（tests/memo.py）：通过的检查在代码与输入都没变时不再运行；任何一样变了就重跑；CI 里从不跳过。

在临时目录里搭一个小网站（一个页面、它的样式表、一个下载文件）和一个测试模块（一项按页面参数化、一项按下载
参数化），用仓库的 conftest.py 在子进程里反复运行 pytest，每次改一样输入，看哪几项重跑。
"""
import os
import re
import shutil
import subprocess
import sys

import pytest

from support import ROOT

PROBE = '''\
import pytest

from support import SETTINGS

SITE = SETTINGS.site_dir
DOWNLOAD = SITE / "_downloads" / "ab12" / "demo.py"


@pytest.mark.parametrize("docname", ["demo/page"])
def test_page(docname):
    assert "正文" in (SITE / f"{docname}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [DOWNLOAD], ids=["demo.py"])
def test_download(path):
    assert path.read_text(encoding="utf-8").startswith("print")


def test_fails_once():
    flag = SITE.parent / "fail-once"
    if not flag.exists():
        flag.write_text("x")
        raise AssertionError("第一次失败")
'''


@pytest.fixture
def probe(tmp_path):
    tests = tmp_path / "tests"
    (tests / "site").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", tests / "conftest.py")
    (tests / "site" / "test_probe.py").write_text(PROBE, encoding="utf-8")
    site = tmp_path / "_build" / "html"
    (site / "demo").mkdir(parents=True)
    (site / "_static").mkdir()
    (site / "_static" / "site.css").write_text("body { color: black }\n", encoding="utf-8")
    (site / "_downloads" / "ab12").mkdir(parents=True)
    (site / "_downloads" / "ab12" / "demo.py").write_text("print(1)\n", encoding="utf-8")
    (site / "demo" / "page.html").write_text(
        '<link rel="stylesheet" href="../_static/site.css"><p>正文</p>', encoding="utf-8")
    return tmp_path


def run(project, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "MMDL_STRICT", "MMDL_MEMO", "MMDL_HTML_DIR")}
    environ.update(MMDL_GEN_DIR=str(project / "_build"), PYTHONPATH=os.pathsep.join(
        [str(ROOT / "tests"), str(ROOT / "docs" / "_ext"), str(ROOT / "examples")]), **env)
    r = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
                        "-p", "no:anyio", "-q", "-rA",
                        "--rootdir", str(project), "-c", os.devnull, str(project / "tests")],
                       capture_output=True, text=True, env=environ, cwd=project, timeout=300)
    ran = set(re.findall(r"^(?:PASSED|FAILED) \S+::(\w+)", r.stdout, re.M))
    return r, ran


def test_memo_reruns_exactly_what_changed_and_never_skips_in_ci(probe):
    """通过的检查下次不再运行（摘要说有几项、为什么）；改页面（或它加载的样式表）只重跑那一页的检查、改下载文件只重跑那个下载的检查（不带参数的检查读整个网站，两次都重跑），换环境、改测试本身让全部重跑；失败过的检查不记；CI 模式（CI=true、MMDL_STRICT=1、--memo=off）每项都运行。"""
    site = probe / "_build" / "html"
    r, ran = run(probe)
    assert r.returncode == 1 and ran == {"test_page", "test_download", "test_fails_once"}, r.stdout
    r, ran = run(probe)
    assert r.returncode == 0 and ran == {"test_fails_once"}, r.stdout  # 上次失败的不算通过
    r, ran = run(probe)
    assert r.returncode == 0 and ran == set(), r.stdout
    assert "记忆：3 项检查的代码与全部输入都和上次通过时相同" in r.stdout, r.stdout

    (site / "demo" / "page.html").write_text('<link rel="stylesheet" href="../_static/site.css"><p>正文。</p>', encoding="utf-8")
    assert run(probe)[1] == {"test_page", "test_fails_once"}  # 不带参数的检查：输入是整个网站
    (site / "_static" / "site.css").write_text("body { color: #111 }\n", encoding="utf-8")  # 页面加载的文件
    assert run(probe)[1] == {"test_page", "test_fails_once"}
    (site / "_downloads" / "ab12" / "demo.py").write_text("print(2)\n", encoding="utf-8")
    assert run(probe)[1] == {"test_download", "test_fails_once"}
    assert run(probe)[1] == set()

    other = probe / "venv"  # 另一个环境（没有装任何包）：环境指纹变了
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(other)], check=True, timeout=120)
    assert run(probe, MMDL_MXNET_PYTHON=str(other / "bin" / "python"))[1] == {"test_page", "test_download", "test_fails_once"}

    module = probe / "tests" / "site" / "test_probe.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# 改一行注释也是改了测试\n", encoding="utf-8")
    assert run(probe)[1] == {"test_page", "test_download", "test_fails_once"}
    assert run(probe)[1] == set()

    for ci in ({"CI": "true"}, {"MMDL_STRICT": "1"}, {"MMDL_MEMO": "off"}):
        r, ran = run(probe, **ci)
        assert ran == {"test_page", "test_download", "test_fails_once"} and "记忆" not in r.stdout, (ci, r.stdout)
