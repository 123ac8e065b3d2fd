"""CI 的扩展方式：示例按耗时分片（LPT），工作流的矩阵、缓存与合并步骤合乎 GitHub 的模式。"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import runner
from runner import shard

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"


def test_partition_covers_every_example_exactly_once():
    durations = shard.load_durations()
    rels = runner.all_examples()
    for n in (1, 2, 3, 4, 7):
        parts = shard.partition(rels, n, durations)
        assert len(parts) == n
        flat = [r for p in parts for r in p]
        assert sorted(flat) == sorted(rels), f"N={n} 时分片有重叠或遗漏"


def test_partition_is_balanced_by_recorded_durations():
    """LPT 的保证：最慢一片不超过 4/3 × 最优；这里用“平均负载 + 最长的单个示例”这一更直观的上界检查。"""
    durations = shard.load_durations()
    rels = runner.all_examples()
    for n in (2, 3, 4):
        loads = [sum(durations.get(r, 0.0) for r in p) for p in shard.partition(rels, n, durations)]
        bound = sum(loads) / n + max(durations.get(r, 0.0) for r in rels)
        assert max(loads) <= bound


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
    missing = sorted(set(runner.all_examples()) - set(shard.load_durations()))
    assert not missing, f".ci/durations.json 缺少这些示例的耗时（运行 make bench 刷新）：{missing}"


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


def test_makefile_targets_exist():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("examples:", "export-results:", "import-results:"):
        assert re.search(rf"^{target}", text, re.M), f"Makefile 缺少目标 {target}"
    assert shutil.which("make")
