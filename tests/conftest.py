import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]


def _git_status():
    try:
        return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # 只在主进程（xdist 的控制器）里记录
        session.config._mmdl_git_before = _git_status()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_mmdl_git_before", None)
    if before is None:
        return
    after = _git_status()
    if after != before:
        sys.stderr.write("\n测试改动了 git 工作区（测试只能写 _build/ 与临时目录）：\n"
                         f"之前：\n{before or '（干净）'}\n之后：\n{after}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
