"""每个示例：在它声明的环境里无界面地跑通；命令行对非法输入给出清楚的提示（退出码 2，无 traceback）。"""
import json
import os
import subprocess
from pathlib import Path

import pytest

from support import runner

EXAMPLES = runner.all_examples()


@pytest.mark.parametrize("rel", EXAMPLES)
def test_example_runs_headless(rel):
    result = runner.run(rel)
    assert result.stdout.strip(), f"{rel} 没有打印任何结果"
    assert result.stamp["returncode"] == 0
    for fig in result.figures:
        assert fig.stat().st_size > 1000, f"{rel} 的图 {fig.name} 是空的"


@pytest.fixture(scope="module", params=runner.ENVS)
def cli_results(request):
    env = request.param
    rels = [r for r in EXAMPLES if runner.declared_env(r) == env]
    if not rels:
        return {}
    e = dict(os.environ, PYTHONPATH=str(runner.EXAMPLES), MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1",
             MATPLOTLIBRC=str(runner.ROOT / "matplotlibrc"))
    probe = Path(__file__).with_name("cli_probe.py")
    proc = subprocess.run([runner.interpreter(env), str(probe), str(runner.EXAMPLES), *rels],
                          capture_output=True, text=True, env=e, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_command_line_rejects_bad_input_cleanly(cli_results):
    problems = []
    for rel, calls in cli_results.items():
        for c in calls:
            argv, code, err = c["argv"], c["code"], c["stderr"]
            if argv == ["--help"]:
                ok = code == 0
            else:
                ok = code == 2 and "error:" in err and "Traceback" not in err
            if not ok:
                problems.append(f"{rel} {argv}: 退出码 {code!r} {err.strip()[-200:]}")
    assert not problems, "命令行处理不当：\n" + "\n".join(problems)


@pytest.mark.parametrize("env", runner.ENVS)
def test_a_real_process_exits_2_without_traceback(env):
    rel = next(r for r in EXAMPLES if runner.declared_env(r) == env)
    r = runner.run(rel, ["--epochs", "-1", "--no-such-option"])
    assert r.stamp["returncode"] == 2
    assert "error:" in r.stderr and "Traceback" not in r.stderr
