"""全部测试共用的规则：不改动 git 工作区；CI 里不允许跳过；Ctrl-C / SIGTERM 会停下正在运行的示例；
每项检查按目录归入一类、按模块标上代价（``pytest -m`` 可选），本地由测试的记忆（tests/memo.py）跳过证明没变的检查。

目录（类）：tests/chapters/  各章的测试（页面上“本页如何验证”读它们的文档字符串；verification.py 的对应规则）
          tests/pipeline/  运行器与构建的行为（临时的小项目、预加载、示例的命令行、练习的存根）
          tests/site/      构建出的网站与成书（静态检查、下载、浏览器、无障碍）
代价（标记，pyproject.toml 注册）：fast 只读文件 · proc 启动解释器或示例 · build 在临时项目上运行 sphinx-build ·
          browser 无界面 Chromium · editions PDF 与 EPUB。例：``make test PYTESTOPTS='-m "not browser"'``。
"""
import os
import subprocess
import sys
from pathlib import Path

import memo
import pytest

import switches
from runner import fonts_fingerprint, process
from support import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
# 测试进程自己的 matplotlib 字体缓存也放在 BUILDDIR 里、按系统字体分开（与示例的子进程相同）：
# 装上中文字体之前建的 ~/.cache/matplotlib 不会让测试看不到新字体，测试也不往家目录里写东西
_mpl = SETTINGS.cache_dir / f"mpl-tests-{fonts_fingerprint()[:12]}"
_mpl.mkdir(parents=True, exist_ok=True)
os.environ["MPLCONFIGDIR"] = str(_mpl)


def pytest_addoption(parser):
    switches.add_options(parser)  # 测试的开关（tests/switches.py）


TIERS = ("chapters", "pipeline", "site")
COST = {
    "build": ("test_pipeline", "test_freshness", "test_interrupt", "test_ci_scale", "test_verification", "test_font_check"),
    "browser": ("test_browser", "test_a11y", "test_dark_figures"),
    "editions": ("test_editions",),
    "fast": ("test_site", "test_markup", "test_glossary"),
}  # 其余模块（各章、预加载、下载、示例的命令行、练习）：proc


def pytest_configure(config):
    switches.configure(config)
    process.install_signal_handlers()  # SIGTERM 也像 Ctrl-C 一样先杀掉示例进程组（xdist 的各个进程都装上）
    memo.register(config)


def grouped(module_path: str) -> bool:
    """这个模块的检查是否整个交给一个 xdist 工作进程：各章的测试与 build 类的模块，它们的模块级夹具（临时项目、
    MXNet 一侧的结果、导入的示例）贵，每个进程各建一次就白付一遍。其余的（下载、等价性、页面……）逐项分配。"""
    path = Path(module_path)
    return path.parent.name == "chapters" or cost_of(path.stem) == "build"


@pytest.hookimpl(optionalhook=True)  # 不用 xdist（-p no:xdist）时这个钩子不存在
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist 的调度：grouped() 的模块按模块分，其余按项分（pytest 9 下 xdist 3.8 的 xdist_group 不起作用：
    它改的 item._nodeid 已不是 nodeid 的来源）。"""
    from xdist.scheduler import LoadScopeScheduling

    class ModulesOrItems(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if grouped(module) else nodeid

    return ModulesOrItems(config, log)


def cost_of(module_name):
    return next((cost for cost, names in COST.items() if module_name in names), "proc")


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path))
        tier = path.parent.name if path.parent.name in TIERS else "site"
        item.stash[memo.TIER_KEY] = tier
        item.add_marker(tier)
        item.add_marker(cost_of(path.stem))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        # --strict-skips（MMDL_STRICT=1、CI=true）：任何跳过都算失败；别处每个跳过都要说明原因（-rs 会列出来）
        if switches.get().strict:
            report.outcome = "failed"
            report.longrepr = f"这次测试不允许跳过（--strict-skips、MMDL_STRICT=1 或 CI=true）：{reason}"
        elif not reason.strip() or reason.strip() in ("Skipped", "Skipped:", "unconditional skip"):
            report.outcome = "failed"
            report.longrepr = "跳过测试必须说明原因"


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
    if before is None or exitstatus == pytest.ExitCode.INTERRUPTED:  # 中断时尽快退出
        return
    after = _git_status()
    if after != before:
        sys.stderr.write("\n测试改动了 git 工作区（测试只能写 _build/ 与临时目录）：\n"
                         f"之前：\n{before or '（干净）'}\n之后：\n{after}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
