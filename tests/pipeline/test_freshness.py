"""输出何时算过期：改 matplotlibrc、线程设置、被导入的模块，恰好重跑受影响的示例；运行器的各个开关照文档工作。

全部在临时的小项目里用子进程运行 sphinx-build（见 support.make_project），不碰仓库里的 _build/。
大多数测试共用一个模块级的项目（构建一次，钉在一个 xdist 进程上）：每个测试只改它要改的输入，
结束时项目又是“全部新鲜”的状态，测试之间互不影响、顺序无关。
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

import runner
from runner import settings, store
from support import GOOD, ROOT, build, make_project, page, project_env, stamp_times

PLOT = '''\
# env: main
"""画一条线。"""
import argparse

import matplotlib.pyplot as plt


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    plt.plot([0, 1], [1, 0])
    plt.show()
    print("画好了")


if __name__ == "__main__":
    main()
'''
IMPORTS = '''\
# env: main
"""用同目录下的共用模块。"""
import argparse

from _shared import VALUE


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    print("共用的值:", VALUE)


if __name__ == "__main__":
    main()
'''
THREADS = '''\
# env: main
"""打印运行器给的线程数。"""
import argparse
import os
import re


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    print("线程:", os.environ["OMP_NUM_THREADS"])


if __name__ == "__main__":
    main()
'''
RC = "figure.dpi: 50\nfont.family: sans-serif\nfont.sans-serif: WenQuanYi Micro Hei, Noto Sans CJK SC, DejaVu Sans\n"


READS = '''\
# env: main
"""读同目录下的一个数据文件。"""
import argparse
from pathlib import Path


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    print("数据:", (Path(__file__).parent / "numbers.txt").read_text(encoding="utf-8").strip())


if __name__ == "__main__":
    main()
'''
ALL = ["good", "hidden", "plot", "reads", "threads", "uses"]  # hidden.py 不被任何页面引用，照样运行


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh")
    project = make_project(root, {"good.py": GOOD, "plot.py": PLOT, "uses.py": IMPORTS, "threads.py": THREADS,
                                  "reads.py": READS, "hidden.py": GOOD, "_shared.py": "VALUE = 1\n"},
                           unlisted=["hidden.py"])
    (project / "examples" / "demo" / "ch" / "numbers.txt").write_text("1 2 3\n", encoding="utf-8")
    (root / "matplotlibrc").write_text(RC, encoding="utf-8")
    r = build(project, MMDL_MATPLOTLIBRC=str(root / "matplotlibrc"))
    assert r.returncode == 0, r.stderr
    return project


def rebuild(project, *options, **env):
    before = stamp_times(project)
    r = build(project, *options, MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"), **env)
    assert r.returncode == 0, r.stderr
    after = stamp_times(project)
    return sorted(k for k in after if after[k] != before.get(k))


def html(project):
    return page(project)


def example(project, name):
    return project / "examples" / "demo" / "ch" / name


def test_nothing_changed_reruns_nothing(project):
    assert rebuild(project) == []


def test_matplotlibrc_change_reruns_only_examples_that_plot(project):
    rc = project / "matplotlibrc"
    rc.write_text(RC.replace("figure.dpi: 50", "figure.dpi: 60"), encoding="utf-8")
    assert rebuild(project) == ["plot"]
    assert rebuild(project) == []


def test_imported_module_change_reruns_only_its_importers(project):
    (project / "examples" / "demo" / "ch" / "_shared.py").write_text("VALUE = 2\n", encoding="utf-8")
    assert rebuild(project) == ["uses"]
    assert "共用的值: 2" in html(project)


def test_thread_setting_reruns_everything_and_reaches_the_child(project):
    assert rebuild(project, MMDL_THREADS="2") == ALL
    assert "线程: 2" in html(project)
    assert rebuild(project, MMDL_THREADS="2") == []
    assert rebuild(project, MMDL_THREADS="1") == ALL


def test_run_always_reruns_everything_and_rewrites_the_page(project):
    page = project / "_build" / "html" / "demo" / "ch.html"
    before = page.stat().st_mtime_ns
    assert rebuild(project, MMDL_RUN="always") == ALL
    assert page.stat().st_mtime_ns != before, "MMDL_RUN=always 应重建显示示例的页面"


def test_sphinx_config_value_sets_the_mode(project):
    before = stamp_times(project)
    r = build(project, "-D", "mmdl_run=always", MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"))
    assert r.returncode == 0, r.stderr
    assert all(stamp_times(project)[k] != before[k] for k in before)


def test_unchanged_examples_are_not_rerun_and_a_changed_one_is(project):
    first = stamp_times(project)
    assert rebuild(project) == [] and stamp_times(project) == first, "没有改动时不应重跑任何示例"
    good = example(project, "good.py")
    good.write_text(GOOD.replace("42", "43"), encoding="utf-8")
    try:
        assert rebuild(project) == ["good"], "只应重跑改过的 good.py"
        assert "值: 43" in html(project)
    finally:
        good.write_text(GOOD, encoding="utf-8")
        rebuild(project)


def test_stale_output_fails_when_rerunning_is_forbidden(project):
    good = example(project, "good.py")
    good.write_text(GOOD.replace("42", "7"), encoding="utf-8")
    try:
        r = build(project, MMDL_RUN="never", MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"))
        assert r.returncode != 0 and "demo/ch/good.py" in r.stderr and "过期" in r.stderr, r.stderr
    finally:
        good.write_text(GOOD, encoding="utf-8")
    assert rebuild(project) == [], "never 不运行示例；改回原样的示例又是新鲜的"


def test_run_never_fails_on_a_stale_example_whose_page_is_not_reread(project):
    hidden = example(project, "hidden.py")
    hidden.write_text(GOOD.replace("42", "7"), encoding="utf-8")
    before = stamp_times(project)
    try:
        for how in ({"MMDL_RUN": "never"}, {"-D": "mmdl_run=never"}):
            options = ("-D", how.pop("-D")) if "-D" in how else ()
            r = build(project, *options, MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"), **how)
            assert r.returncode != 0 and "demo/ch/hidden.py" in r.stderr and "过期" in r.stderr, r.stderr
        assert stamp_times(project) == before, "never 不运行任何示例，也不删掉有效的结果"
        assert set(before) == set(ALL)
    finally:
        hidden.write_text(GOOD, encoding="utf-8")
    assert rebuild(project) == []


@pytest.mark.parametrize("name, value, expected", [
    ("MMDL_RUN", "sometimes", "MMDL_RUN='sometimes' 不合法"),
    ("MMDL_TIMEOUT", "soon", "MMDL_TIMEOUT='soon' 不合法"),
    ("MMDL_THREADS", "0", "MMDL_THREADS='0' 不合法"),
    ("MMDL_JOBS", "-2", "MMDL_JOBS='-2' 不合法"),
    ("MMDL_PRELOAD", "yes", "MMDL_PRELOAD='yes' 不合法"),
])
def test_bad_switch_values_are_rejected_clearly(name, value, expected):
    """开关的值不合法：一句话说明哪个开关、可取什么值（解析是纯函数 runner.resolve，不必为每个开关构建一次）。"""
    with pytest.raises(settings.SettingsError, match=re.escape(expected)):
        settings.resolve({name: value})


def test_settings_precedence_and_one_place_for_each_switch():
    """-D 优先于环境变量，环境变量优先于 sphinx-build -j（-j 只是默认值），再是默认值；每个开关的说明只写在 Settings 里。"""
    s = settings.resolve({"MMDL_JOBS": "3", "MMDL_RUN": "never"}, {"mmdl_run": "always"}, parallel=4)
    assert s.jobs == 3 and s.mode == "always"
    assert settings.resolve({}, {}, parallel=4).jobs == 4
    assert settings.resolve({}, {"mmdl_jobs": "5"}, parallel=4).jobs == 5
    with pytest.raises(settings.SettingsError, match="-D mmdl_timeout='x'"):
        settings.resolve({}, {"mmdl_timeout": "x"})
    gen = settings.resolve({"MMDL_GEN_DIR": "/tmp/x"})
    assert (gen.site_dir, gen.cache_dir, gen.editions_dir) == (Path("/tmp/x/html"), Path("/tmp/x/cache"), Path("/tmp/x/editions"))
    shared = settings.resolve({"MMDL_GEN_DIR": "/tmp/x", "MMDL_CACHE_DIR": "/tmp/machine"})  # 几个构建共用的本机缓存
    assert (shared.cache_dir, shared.results_dir) == (Path("/tmp/machine"), Path("/tmp/x/examples"))
    envs = [m["env"] for m in settings.OPTIONS.values()]
    assert len(envs) == len(set(envs)) and all(e.startswith("MMDL_") for e in envs)
    assert {row[0] for row in settings.table()} == set(envs)


def test_a_bad_switch_stops_the_build_with_one_line(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD})
    r = build(project, MMDL_RUN="sometimes")
    assert r.returncode != 0 and "MMDL_RUN='sometimes' 不合法" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_timeout_and_jobs_switches(tmp_path):
    """挂起的示例按超时被杀掉、说出名字（1 秒）；-D mmdl_timeout 优先于 MMDL_TIMEOUT；进度写在 stderr 上。"""
    slow = '# env: main\n"""睡一会儿。"""\nimport time\nprint("醒了")\ntime.sleep(2)\n'
    project = make_project(tmp_path, {"slow.py": slow})
    r = build(project, MMDL_TIMEOUT="1")
    assert r.returncode != 0 and "超时" in r.stderr and "1 秒" in r.stderr and "demo/ch/slow.py" in r.stderr, r.stderr
    r = build(project, "-D", "mmdl_timeout=60", MMDL_TIMEOUT="1", MMDL_JOBS="1")
    assert r.returncode == 0, r.stderr
    assert "示例 1/1" in r.stderr, "进度（即使 -q）写在 stderr 上"


def test_builddir_flows_from_make_to_sphinx_and_the_runner(tmp_path):
    out = subprocess.run(["make", "-n", "html", "ENVS=", f"BUILDDIR={tmp_path / 'b'}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert f"docs {tmp_path / 'b'}/html" in out.stdout, out.stdout
    env = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "show", "ENVS=",
                          f"BUILDDIR={tmp_path / 'b'}"], cwd=ROOT, input="show:\n\t@echo $$MMDL_GEN_DIR\n",
                         capture_output=True, text=True, timeout=60)
    assert env.stdout.strip() == str(tmp_path / "b"), env.stdout + env.stderr


def test_a_result_dir_describes_and_verifies_itself(project):
    """stamp.json 带着键、清单与每个输出文件的哈希：改动一个输出，verify 就指出来（结果仓库的导入要用它）。"""
    s = settings.resolve(project_env(project, MMDL_MATPLOTLIBRC=str(project / "matplotlibrc")))
    rel = "demo/ch/plot.py"
    assert runner.verify(s, rel) is None
    stamp = runner.load_stamp(s, rel)
    assert stamp["key"] == runner.current_key(s, rel) and stamp["matplotlib"] is True
    assert "figs/fig-1.png" in stamp["outputs"] and "stdout.txt" in stamp["outputs"]
    fig = runner.result_dir(s, rel) / "figs" / "fig-1.png"
    original = fig.read_bytes()
    fig.write_bytes(original + b"x")
    try:
        assert "fig-1.png" in runner.verify(s, rel)
    finally:
        fig.write_bytes(original)
    assert store.verify(s, "demo/ch/good.py", runner.result_dir(s, rel)) is not None  # 别的示例的结果目录


def test_a_data_file_the_example_reads_is_part_of_its_key(project):
    """示例读的本项目文件（数据、requirements……）也是输入：它变了，只重跑读它的示例。"""
    data = example(project, "numbers.txt")
    assert "numbers.txt" in str(store.load_stamp(settings.resolve(project_env(project)), "demo/ch/reads.py"))
    data.write_text("4 5 6\n", encoding="utf-8")
    try:
        assert rebuild(project) == ["reads"]
        assert "数据: 4 5 6" in html(project)
    finally:
        data.write_text("1 2 3\n", encoding="utf-8")
        rebuild(project)


def test_installing_a_package_changes_the_environment_fingerprint(tmp_path, monkeypatch):
    """环境指纹记在生成目录里，无改动时不再问解释器；往环境里装一个包，指纹就变（示例随之重跑）。"""
    from runner import environments

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    s = settings.resolve({"MMDL_PYTHON": python, "MMDL_GEN_DIR": str(tmp_path / "gen")})
    monkeypatch.setattr(environments, "_cache", {})
    first = environments.env_fingerprint(s, "main")
    environments._cache.clear()
    real_run = subprocess.run
    monkeypatch.setattr(environments.subprocess, "run", lambda *a, **k: pytest.fail("没有改动时又起了解释器"))
    assert environments.env_fingerprint(s, "main") == first
    monkeypatch.setattr(environments.subprocess, "run", real_run)

    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    dist = site / "mmdl_probe-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: mmdl-probe\nVersion: 1.0\n", encoding="utf-8")
    environments._cache.clear()
    assert environments.env_fingerprint(s, "main") != first


def test_an_incremental_build_keeps_the_index_entries_of_pages_it_does_not_rewrite(tmp_path):
    """Sphinx 9.0 的增量构建丢掉没有重写的页面的索引条目（docs/_ext/zh_search.py 的 restore_index_entries
    从索引域补上）：全量构建之后改另一页再构建，searchindex.js 的索引条目与全量构建的相同。"""
    import json

    def index_entries():
        text = (project / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8")
        return json.loads(text[text.index("(") + 1: text.rindex(")")])["indexentries"]

    project = make_project(tmp_path, {"good.py": GOOD})
    docs = project / "docs"
    (docs / "terms.rst").write_text("术语\n====\n\n.. glossary::\n\n   残差块\n      带捷径的块。\n\n"
                                    "   梯度\n      损失对参数的导数。\n", encoding="utf-8")
    (docs / "index.rst").write_text("首页\n====\n\n.. toctree::\n\n   demo/ch\n   terms\n", encoding="utf-8")
    r = build(project)
    assert r.returncode == 0, r.stderr
    full = index_entries()
    assert {"残差块", "梯度"} <= set(full), full
    chapter = docs / "demo" / "ch.rst"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n再加一段话。\n", encoding="utf-8")
    r = build(project)
    assert r.returncode == 0, r.stderr
    assert "再加一段话" in page(project), "改过的一页应当重写"
    assert index_entries() == full
