"""每个示例：在它声明的环境里无界面地跑通；命令行对非法输入给出清楚的提示（退出码 2，无 traceback）。"""
from pathlib import Path

import pytest

from support import SETTINGS, in_env, last_json, runner

EXAMPLES = runner.all_examples(SETTINGS)


@pytest.mark.parametrize("rel", EXAMPLES)
def test_example_runs_headless(rel):
    result = runner.run_cached(SETTINGS, rel)
    assert result.stdout.strip(), f"{rel} 没有打印任何结果"
    for fig in result.figures:
        assert fig.stat().st_size > 1000, f"{rel} 的图 {fig.name} 是空的"


@pytest.fixture(scope="module", params=runner.ENVS)
def cli_results(request):
    rels = runner.examples_in(SETTINGS, request.param)  # 一个示例也没有时报错，而不是什么都不查
    probe = Path(__file__).resolve().parents[1] / "cli_probe.py"
    out = in_env(request.param, [probe, SETTINGS.examples, *rels])
    results = last_json(out, "cli_probe.py")
    assert sorted(results) == sorted(rels), "cli_probe.py 没有报告全部示例"
    return results


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
    rel = runner.examples_in(SETTINGS, env)[0]
    r = runner.run_with_args(SETTINGS, rel, ["--epochs", "-1", "--no-such-option"])
    assert r.returncode == 2
    assert "error:" in r.stderr and "Traceback" not in r.stderr
