"""输出何时算过期：改 matplotlibrc、线程设置、被导入的模块，恰好重跑受影响的示例；运行器的各个开关照文档工作。

全部在临时的小项目里用子进程运行 sphinx-build（见 support.make_project），不碰仓库里的 _build/。
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

import runner
from runner import settings, store
from support import GOOD, ROOT, build, make_project, project_env, stamp_times

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


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh")
    project = make_project(root, {"good.py": GOOD, "plot.py": PLOT, "uses.py": IMPORTS, "threads.py": THREADS,
                                  "_shared.py": "VALUE = 1\n"})
    (root / "matplotlibrc").write_text(RC, encoding="utf-8")
    r = build(project, MMDL_MATPLOTLIBRC=str(root / "matplotlibrc"))
    assert r.returncode == 0, r.stderr
    return project


def rebuild(project, **env):
    before = stamp_times(project)
    r = build(project, MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"), **env)
    assert r.returncode == 0, r.stderr
    after = stamp_times(project)
    return sorted(k for k in after if after[k] != before.get(k))


def html(project):
    return (project / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")


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
    assert rebuild(project, MMDL_THREADS="2") == ["good", "plot", "threads", "uses"]
    assert "线程: 2" in html(project)
    assert rebuild(project, MMDL_THREADS="2") == []
    assert rebuild(project, MMDL_THREADS="1") == ["good", "plot", "threads", "uses"]


def test_run_always_reruns_everything_and_rewrites_the_page(project):
    page = project / "_build" / "html" / "demo" / "ch.html"
    before = page.stat().st_mtime_ns
    assert rebuild(project, MMDL_RUN="always") == ["good", "plot", "threads", "uses"]
    assert page.stat().st_mtime_ns != before, "MMDL_RUN=always 应重建显示示例的页面"


def test_sphinx_config_value_sets_the_mode(project):
    before = stamp_times(project)
    r = build(project, "-D", "mmdl_run=always", MMDL_MATPLOTLIBRC=str(project / "matplotlibrc"))
    assert r.returncode == 0, r.stderr
    assert all(stamp_times(project)[k] != before[k] for k in before)


def test_run_never_fails_on_a_stale_example_whose_page_is_not_reread(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD, "hidden.py": GOOD}, unlisted=["hidden.py"])
    assert build(project).returncode == 0
    (project / "examples" / "demo" / "ch" / "hidden.py").write_text(GOOD.replace("42", "7"), encoding="utf-8")
    for how in ({"MMDL_RUN": "never"}, {"-D": "mmdl_run=never"}):
        r = build(project, "-D", how["-D"]) if "-D" in how else build(project, **how)
        assert r.returncode != 0 and "demo/ch/hidden.py" in r.stderr and "过期" in r.stderr, r.stderr
    assert set(stamp_times(project)) == {"a", "hidden"}, "never 不运行任何示例，也不删掉有效的结果"


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
    envs = [m["env"] for m in settings.OPTIONS.values()]
    assert len(envs) == len(set(envs)) and all(e.startswith("MMDL_") for e in envs)
    assert {row[0] for row in settings.table()} == set(envs)


def test_a_bad_switch_stops_the_build_with_one_line(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD})
    r = build(project, MMDL_RUN="sometimes")
    assert r.returncode != 0 and "MMDL_RUN='sometimes' 不合法" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_build_writes_nothing_outside_its_gen_dir(tmp_path):
    """构建只写生成目录：系统临时目录（TMPDIR）保持为空——jieba 的词典缓存、预加载解释器的临时文件都在生成目录里。"""
    project = make_project(tmp_path, {"a.py": GOOD.replace("import argparse", "import argparse\nimport numpy")})
    empty = tmp_path / "tmp"
    empty.mkdir()
    r = build(project, TMPDIR=str(empty), MMDL_GEN_DIR=str(tmp_path / "gen"))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in empty.iterdir()) == []
    assert (tmp_path / "gen" / "cache" / "jieba").is_dir()


def test_timeout_and_jobs_switches(tmp_path):
    slow = '# env: main\n"""睡一会儿。"""\nimport time\nprint("醒了")\ntime.sleep(3)\n'
    project = make_project(tmp_path, {"slow.py": slow})
    r = build(project, MMDL_TIMEOUT="1")
    assert r.returncode != 0 and "超时" in r.stderr and "1 秒" in r.stderr, r.stderr
    r = build(project, "-D", "mmdl_timeout=1")
    assert r.returncode != 0 and "超时" in r.stderr, r.stderr
    r = build(project, MMDL_TIMEOUT="60", MMDL_JOBS="1")
    assert r.returncode == 0, r.stderr
    assert "示例 1/1" in r.stderr, "进度（即使 -q）写在 stderr 上"


def test_gen_dir_switch_keeps_everything_in_it(tmp_path):
    project = make_project(tmp_path, {"a.py": GOOD})
    gen = tmp_path / "elsewhere"
    r = build(project, MMDL_GEN_DIR=str(gen))
    assert r.returncode == 0, r.stderr
    assert (gen / "examples" / "demo" / "ch" / "a" / "stamp.json").is_file()
    assert not (project / "_build" / "examples").exists()


def test_builddir_flows_from_make_to_sphinx_and_the_runner(tmp_path):
    out = subprocess.run(["make", "-n", "html", "ENVS=", f"BUILDDIR={tmp_path / 'b'}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert f"docs {tmp_path / 'b'}/html" in out.stdout, out.stdout
    env = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "show", "ENVS=",
                          f"BUILDDIR={tmp_path / 'b'}"], cwd=ROOT, input="show:\n\t@echo $$MMDL_GEN_DIR\n",
                         capture_output=True, text=True, timeout=60)
    assert env.stdout.strip() == str(tmp_path / "b"), env.stdout + env.stderr


def test_a_missing_mxnet_interpreter_is_named_with_its_switch(tmp_path):
    project = make_project(tmp_path, {"m.py": GOOD.replace("# env: main", "# env: mxnet")})
    r = build(project, MMDL_MXNET_PYTHON=str(tmp_path / "no-python"))
    assert r.returncode != 0
    assert "找不到 MXNet 环境的解释器" in r.stderr and "MMDL_MXNET_PYTHON" in r.stderr, r.stderr


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


def test_a_data_file_the_example_reads_is_part_of_its_key(tmp_path):
    """示例读的本项目文件（数据、requirements……）也是输入：它变了，只重跑读它的示例。"""
    project = make_project(tmp_path, {"reads.py": READS, "good.py": GOOD})
    data = project / "examples" / "demo" / "ch" / "numbers.txt"
    data.write_text("1 2 3\n", encoding="utf-8")
    assert build(project).returncode == 0
    assert "numbers.txt" in str(store.load_stamp(settings.resolve(project_env(project)), "demo/ch/reads.py"))
    before = stamp_times(project)
    data.write_text("4 5 6\n", encoding="utf-8")
    r = build(project)
    assert r.returncode == 0, r.stderr
    after = stamp_times(project)
    assert sorted(k for k in after if after[k] != before[k]) == ["reads"]
    assert "数据: 4 5 6" in (project / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")


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
