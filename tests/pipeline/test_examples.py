"""每个示例的命令行对非法输入给出清楚的提示（退出码 2，无 traceback）。

（每个示例跑通、有输出、图不空：tests/site/test_site.py 按页面检查；真的进程对坏参数退出 2：test_bad_arguments.py。）"""
from pathlib import Path

import pytest

from support import SETTINGS, in_env, last_json, runner

MEMO_READS = ("examples",)  # 测试的记忆（tests/memo.py）：命令行探查运行全部示例


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

