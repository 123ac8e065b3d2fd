"""CI 的扩展方式：示例按耗时分片（LPT），工作流的矩阵、缓存与合并步骤合乎 GitHub 的模式。"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import runner
from runner import shard
from support import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"


def test_partition_covers_every_example_exactly_once():
    durations = shard.load_durations()
    rels = runner.all_examples(SETTINGS)
    for n in (1, 2, 3, 4, 7):
        parts = shard.partition(rels, n, durations)
        assert len(parts) == n
        flat = [r for p in parts for r in p]
        assert sorted(flat) == sorted(rels), f"N={n} 时分片有重叠或遗漏"


def test_lpt_on_a_small_known_case():
    durations = {"a.py": 7, "b.py": 5, "c.py": 4, "d.py": 3, "e.py": 1}
    parts = shard.partition(sorted(durations), 2, durations)
    assert parts == [["a.py", "d.py"], ["b.py", "c.py", "e.py"]]  # 10 与 10
    assert shard.partition(sorted(durations), 2, durations) == parts  # 同样的输入，同样的划分


def test_unknown_examples_are_estimated_with_the_median():
    parts = shard.partition(["new.py", "x.py", "y.py", "z.py"], 2, {"x.py": 1.0, "y.py": 2.0, "z.py": 9.0})
    assert sorted(map(len, parts)) == [1, 3]  # z 独占一片，新示例按中位数 2 s 计入另一片


@pytest.mark.parametrize("bad", ["", "3", "0/3", "4/3", "a/b", "1/0", "-1/2"])
def test_bad_shard_spec_is_a_clear_error(bad):
    with pytest.raises(shard.ShardError, match="分片"):
        shard.parse_spec(bad)


def test_durations_file_covers_every_example():
    """make bench 刷新 .ci/durations.json；缺了的示例只能按中位数估计，分片就不再均衡。"""
    recorded, examples = set(shard.load_durations()), set(runner.all_examples(SETTINGS))
    missing, stale = sorted(examples - recorded), sorted(recorded - examples)
    assert not missing, f".ci/durations.json 缺少这些示例的耗时（运行 make bench 刷新）：{missing}"
    assert not stale, f".ci/durations.json 里有已经不存在的示例（改名或删除后运行 make bench 刷新）：{stale}"


def _check_jsonschema(path):
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run([str(exe), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_workflow_matches_the_github_schema():
    proc = _check_jsonschema(WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "docs.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1)
    broken.write_text(text, encoding="utf-8")
    assert _check_jsonschema(broken).returncode != 0


def test_workflow_shards_cache_and_merges():
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    shards = wf["jobs"]["examples"]["strategy"]["matrix"]["shard"]
    n = int(wf["env"]["SHARDS"])
    assert shards == list(range(1, n + 1)), "matrix.shard 必须是 1..SHARDS"
    steps = wf["jobs"]["examples"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "make examples SHARD=${{ matrix.shard }}/${{ env.SHARDS }}" in runs
    assert any(s.get("uses", "").startswith("actions/cache/restore@") for s in steps)
    site = wf["jobs"]["site"]
    assert site["needs"] == "examples"
    site_runs = [s.get("run", "") for s in site["steps"]]
    assert any("import-results" in r for r in site_runs)
    assert any(re.search(r"make html MMDL_RUN=never", r) for r in site_runs)
    assert any(r.strip().startswith("make test") for r in site_runs)
    saves = [s for s in site["steps"] if s.get("uses", "").startswith("actions/cache/save@")]
    assert saves and "hashFiles('requirements*.txt')" in saves[0]["with"]["key"]
    # 工作流调用的三个 make 目标存在，并把参数交给 results_cli（make -n 只打印命令）
    for target, args, expected in (("examples", ["SHARD=2/3"], "results_cli.py run --shard 2/3"),
                                   ("export-results", ["SHARD=2/3", "RESULTS=r2.tar.gz"],
                                    "results_cli.py export r2.tar.gz --shard 2/3"),
                                   ("import-results", ["RESULTS=r1.tar.gz r2.tar.gz"],
                                    "results_cli.py import r1.tar.gz r2.tar.gz")):
        out = subprocess.run(["make", "-n", target, "ENVS=", *args], cwd=ROOT, capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 0 and expected in out.stdout, f"make {target}：{out.stdout}{out.stderr}"


# ---------- 整个 CI 流程在一台机器上模拟：3 片各自运行、导出，合并后 MMDL_RUN=never 构建 ----------

PLOT = '''\
# env: main
"""画一条中文标题的线。"""
import argparse

import matplotlib.pyplot as plt


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    plt.plot([0, 1, 2], [2, 0, 1])
    plt.title("第 {n} 条线")
    plt.show()
    print("画好了 {n}")


if __name__ == "__main__":
    main()
'''
SHARED = '''\
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
CLI = ROOT / "docs" / "_ext" / "results_cli.py"


def _project(tmp_path):
    from support import GOOD, make_project

    files = {f"p{n}.py": PLOT.format(n=n) for n in (1, 2)}
    files.update({f"g{n}.py": GOOD.replace("42", str(n)) for n in (1, 2, 3)})
    files.update({"uses_shared.py": SHARED, "_shared.py": "VALUE = 7\n"})
    return make_project(tmp_path, files)


def _cli(project, gen, *args):
    from support import project_env

    return subprocess.run([sys.executable, str(CLI), *map(str, args)], capture_output=True, text=True,
                          env=project_env(project, MMDL_GEN_DIR=str(gen), MMDL_JOBS="2"), timeout=600)


def _outputs(gen):
    """{示例: (stdout, [每张图的像素])}"""
    import matplotlib.image as mpimg

    out = {}
    for stamp in sorted((gen / "examples").rglob("stamp.json")):
        d = stamp.parent
        figs = [mpimg.imread(p).tolist() for p in sorted((d / "figs").glob("*.png"))]
        out[d.relative_to(gen / "examples").as_posix()] = ((d / "stdout.txt").read_text(encoding="utf-8"), figs)
    return out


@pytest.fixture(scope="module")
def ci_run(tmp_path_factory):
    """整个 CI 流程跑一次：单机构建一个项目；另一个同样的项目分 3 片运行、各自导出（下面几个测试共用这些归档）。"""
    from support import build

    tmp_path = tmp_path_factory.mktemp("ci")
    single = _project(tmp_path / "single")
    r = build(single)
    assert r.returncode == 0, r.stderr
    project = _project(tmp_path / "ci")
    archives, ran = [], []
    for k in (1, 2, 3):
        gen = tmp_path / f"shard{k}"
        r = _cli(project, gen, "run", "--shard", f"{k}/3")
        assert r.returncode == 0, r.stdout + r.stderr
        ran.append(set(_outputs(gen)))
        archive = tmp_path / f"results-{k}.tar.gz"
        r = _cli(project, gen, "export", archive, "--shard", f"{k}/3")
        assert r.returncode == 0, r.stderr
        archives.append(archive)
    return {"single": single, "project": project, "archives": archives, "ran": ran}



def test_three_shards_merged_build_equals_a_single_machine_build(ci_run):
    from support import build

    seen = set()
    for k, ran in enumerate(ci_run["ran"], 1):
        assert ran and not ran & seen, f"第 {k} 片运行的示例与别的片重叠：{ran & seen}"
        seen |= ran
    assert len(seen) == 6, seen

    project, single = ci_run["project"], ci_run["single"]
    merged = project / "_build"
    r = _cli(project, merged, "import", *ci_run["archives"])
    assert r.returncode == 0 and "导入 6 个" in r.stdout, r.stdout + r.stderr
    r = build(project, MMDL_RUN="never")
    assert r.returncode == 0, r.stderr

    assert _outputs(merged) == _outputs(single / "_build")
    page = lambda p: (p / "_build" / "html" / "demo" / "ch.html").read_text(encoding="utf-8")  # noqa: E731
    assert page(project) == page(single), "合并结果构建的页面应与单机构建的逐字相同"


def test_missing_result_fails_the_never_build_naming_the_example(ci_run, tmp_path):
    from support import build

    project = _project(tmp_path)
    assert _cli(project, project / "_build", "import", ci_run["archives"][0]).returncode == 0
    r = build(project, MMDL_RUN="never")
    assert r.returncode != 0 and "过期" in r.stderr and "demo/ch/" in r.stderr


def _tamper(archive, dest, edit):
    """解开 archive，对解开的目录调用 edit(目录)，再打包成 dest。"""
    import tarfile

    work = dest.with_suffix(".d")
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    edit(work)
    with tarfile.open(dest, "w:gz") as tar:
        for p in sorted(work.iterdir()):
            tar.add(p, arcname=p.name)
    return dest


def test_tampered_or_stale_results_are_rejected(ci_run, tmp_path):
    project = _project(tmp_path)  # 与运行的项目内容相同、路径不同（像另一台机器）
    single = ci_run["single"]
    archive = tmp_path / "all.tar.gz"
    assert _cli(single, single / "_build", "export", archive).returncode == 0

    def change_stdout(work):
        p = work / "examples" / "demo" / "ch" / "g1" / "stdout.txt"
        p.write_text("值: 999\n", encoding="utf-8")

    def change_figure(work):
        p = work / "examples" / "demo" / "ch" / "p1" / "figs" / "fig-1.png"
        p.write_bytes(p.read_bytes()[:-10])

    for edit, rel in ((change_stdout, "g1"), (change_figure, "p1")):
        target = tmp_path / f"import-{rel}"
        bad = _tamper(archive, tmp_path / f"bad-{rel}.tar.gz", edit)
        r = _cli(project, target, "import", bad)
        assert r.returncode == 1 and f"拒绝 demo/ch/{rel}.py" in r.stderr and "被改动" in r.stderr, r.stderr
        assert not (target / "examples" / "demo" / "ch" / rel).exists(), "被拒绝的结果不能留在生成目录里"
        assert (target / "examples" / "demo" / "ch" / "g2" / "stamp.json").exists(), "其余结果照常导入"

    # 导出之后共用模块变了：用它的示例的结果过期，导入时被拒绝；其余照常导入
    (project / "examples" / "demo" / "ch" / "_shared.py").write_text("VALUE = 8\n", encoding="utf-8")
    r = _cli(project, tmp_path / "import-stale", "import", archive)
    assert r.returncode == 1 and "拒绝 demo/ch/uses_shared.py" in r.stderr and "变了" in r.stderr, r.stderr
    assert "导入 5 个" in r.stdout


def test_unsafe_or_foreign_archives_are_refused(tmp_path):
    import io
    import tarfile

    project = _project(tmp_path)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../outside.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    r = _cli(project, tmp_path / "gen", "import", evil)
    assert r.returncode == 2 and "错误" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "outside.txt").exists()
    r = _cli(project, tmp_path / "gen", "import", tmp_path / "nope.tar.gz")
    assert r.returncode == 2 and "找不到" in r.stderr
    r = _cli(project, tmp_path / "gen", "export", tmp_path / "x.tar.gz")
    assert r.returncode == 2 and "没有有效的结果" in r.stderr
