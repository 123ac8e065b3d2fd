"""测试的记忆（pytest 插件，conftest.py 加载）：本地只跳过证明没变的检查，CI 全部运行。

每项检查算一个键 = 它自己的代码 + 它读的全部输入：

- 代码：它所在的测试模块、tests/ 里共用的代码（support、conftest、mxnet_side……）、运行器与 Sphinx 扩展
  （docs/_ext/）、conf.py、Makefile、requirements 文件、README 与 CI 脚本；
- 环境：两个环境的指纹（解释器与已装的包）、系统字体的指纹、运行器的设置（runner.Settings）、本次测试的开关（--memo 之外）；
- 输入，按检查的种类（conftest.py 的 TIERS）：
  chapters  该章的示例（脚本与它导入、读取的 examples/ 里的文件）、
            examples/mmdl/、测试模块里点名的其他示例、该章的源文件与构建出的页面；
  pipeline  examples/mmdl/、exercises/ 与全部测试代码（有的检查运行别的测试模块）；
  site      网站目录（$BUILDDIR/html）的全部文件与成书；
  模块还读别的，就写 ``MEMO_READS = ("examples", "site", "exercises")`` 里用得到的几项（examples 是全部示例）；
  参数指向一个页面（"basics/rnn"）、一个示例（"basics/rnn/x.py"）或网站里的一个文件（下载）的检查，
  输入只是那一个：页面连同它加载的本地文件（CSS、JS、图片、下载），示例按内容键，文件按内容；
  测试模块可以定义 ``memo_inputs(item)`` 另给输入（返回路径或字符串的列表，代替上面的默认；返回 None 用默认）。

键通过（setup、call、teardown 都通过，没有跳过）就记在 $BUILDDIR/test-memo/ 里；下次收集时，键已通过的检查
不再运行，结束时的摘要说明有几项、为什么。任何输入或代码一变，键就变，检查重新运行。

``--memo=off``（MMDL_MEMO=off）时不跳过；``--strict-skips``（MMDL_STRICT=1、CI=true，即 CI）时总是不跳过：CI 运行
每一项（通过的键照样记下）。
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

import runner
import switches
from support import ROOT, SETTINGS

TESTS = ROOT / "tests"
CODE_FILES = ("conf.py", "Makefile", "pyproject.toml", "requirements.txt", "requirements-mxnet.txt", "matplotlibrc",
              "README.md", ".ci/run", ".ci/durations.json")
CODE_TREES = ("docs/_ext", ".github/workflows")
_ASSET = re.compile(r'(?:src|href|srcset)="([^"#?:,\s]+)[^"]*"')  # srcset：深色的图（每个只有一个地址）
_EXAMPLE_NAME = re.compile(r'["\']((?:basics|libraries)/[\w/]+\.py)["\']')


def memo_dir() -> Path:
    return SETTINGS.gen_dir / "test-memo"


def active(config) -> bool:
    sw = switches.get()
    return sw.memo == "on" and not sw.strict


# ---------- 哈希 ----------

_shas: dict[Path, tuple[tuple[int, int], str]] = {}


def file_sha(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "missing"
    sig = (st.st_mtime_ns, st.st_size)
    hit = _shas.get(path)
    if hit and hit[0] == sig:
        return hit[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _shas[path] = (sig, digest)
    return digest


def _tree(root: Path, pattern: str = "*") -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _digest(parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


def _files_digest(paths) -> list[str]:
    return [f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}={file_sha(p)}" for p in paths]


_memo_cache: dict[str, str] = {}


def _once(name, compute) -> str:
    if name not in _memo_cache:
        _memo_cache[name] = compute()
    return _memo_cache[name]


def _fingerprint(env: str) -> str:
    try:
        return runner.env_fingerprint(SETTINGS, env)
    except (runner.ExampleError, OSError, subprocess.SubprocessError) as exc:
        return f"unavailable: {exc}"  # 没有这个环境：检查照常运行，用到它的会说明原因


def shared_code() -> str:
    """所有检查共用的代码与环境。"""
    def compute():
        shared = [p for p in _tree(TESTS, "*.py") if not p.name.startswith("test_") or p.parent == TESTS / "mxnet_side"]
        files = shared + [ROOT / f for f in CODE_FILES] + [p for t in CODE_TREES for p in _tree(ROOT / t)]
        # 开关里只有改变检查内容的算进键：--memo、--strict-skips（只管跳过怎么算）与 --screenshots（只是多存图）不算
        sw = {k: v for k, v in vars(switches.get()).items() if k not in ("memo", "strict", "screenshots")}
        envs = [f"{env}={_fingerprint(env)}" for env in runner.ENVS]
        return _digest(_files_digest(files) + envs + [runner.fonts_fingerprint(), json.dumps(sw, sort_keys=True), repr(SETTINGS)])
    return _once("shared", compute)


def example_input(rel: str) -> str:
    """示例的输入：脚本与它上次运行时用到的 examples/ 里的文件（戳里的 deps：导入的模块、读的数据）。

    运行器内容键的其余部分（环境与字体的指纹、捕获代码、matplotlibrc、线程设置）已在共用的那一份里。
    """
    def compute():
        stamp = runner.store.load_stamp(SETTINGS, rel) or {}
        files = [SETTINGS.examples / rel, *(SETTINGS.examples / d for d in sorted(stamp.get("deps", {})))]
        return _digest([f"example {rel}", *_files_digest(files)])
    return _once(f"example {rel}", compute)


def page_input(page: Path) -> list[str]:
    """页面连同它引用的本地文件。"""
    def compute():
        site = SETTINGS.site_dir.resolve()
        out = _files_digest([page])
        html = page.read_text(encoding="utf-8", errors="replace")
        for link in sorted(set(_ASSET.findall(html))):
            target = (page.parent / link).resolve()
            if target.is_file() and target.is_relative_to(site):
                out += _files_digest([target])
        return _digest(out)
    return [_once(f"page {page}", compute)]


def _chapter_of(module: Path) -> str | None:
    """tests/chapters/test_<章>.py → basics/<章>，test_lib_<库>.py → libraries/<库>（verification.py 的规则反过来）。"""
    name = module.stem[len("test_"):]
    return f"libraries/{name[4:]}" if name.startswith("lib_") else f"basics/{name}"


def _reads(name: str) -> str:
    """输入的几个大类，每个进程只算一次。"""
    site = SETTINGS.site_dir
    trees = {
        "examples": lambda: _tree(SETTINGS.examples),
        "mmdl": lambda: _tree(SETTINGS.examples / "mmdl"),
        "exercises": lambda: _tree(ROOT / "exercises"),
        "site": lambda: _tree(site) + _tree(SETTINGS.editions_dir),
        "tests": lambda: _tree(TESTS, "*.py"),  # 运行别的测试模块的检查（pipeline）：全部测试代码
    }
    return _once(f"reads {name}", lambda: _digest([name, *_files_digest(trees[name]())]))


DEFAULT_READS = {"pipeline": ("mmdl", "exercises", "tests"), "site": ("site",), "chapters": ()}


def chapter_input(module: Path) -> str:
    """一章的测试：该章的示例（内容键）、examples/mmdl/、模块里点名的其他示例、该章的源文件与构建出的页面。"""
    def compute():
        doc = _chapter_of(module)
        rels = {r for r in runner.all_examples(SETTINGS) if r.startswith(doc + "/")}
        rels |= {r for r in _EXAMPLE_NAME.findall(module.read_text(encoding="utf-8")) if (SETTINGS.examples / r).is_file()}
        parts = [example_input(r) for r in sorted(rels)]
        parts += _files_digest(_tree(SETTINGS.examples / "mmdl") + _tree(SETTINGS.examples / doc) + [ROOT / "docs" / f"{doc}.rst"])
        page = SETTINGS.site_dir / f"{doc}.html"
        return _digest(parts + (page_input(page) if page.is_file() else ["page missing"]))
    return _once(f"chapter {module}", compute)


def tier_inputs(tier: str, module_path: Path, module) -> list[str]:
    """按种类的默认输入，加上模块的 ``MEMO_READS``（"examples"、"site"、"exercises"……）。"""
    reads = (*DEFAULT_READS.get(tier, ("site",)), *getattr(module, "MEMO_READS", ()))
    return ([chapter_input(module_path)] if tier == "chapters" else []) + [_reads(r) for r in sorted(set(reads))]


def param_inputs(item) -> list[str] | None:
    """参数指向页面、示例或网站里的文件时，只用它作输入；否则 None（用按种类的默认）。"""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    site = SETTINGS.site_dir.resolve()
    found = []
    for value in callspec.params.values():
        if isinstance(value, Path) and value.is_file() and value.resolve().is_relative_to(site):
            found += _files_digest([value.resolve()])
        elif isinstance(value, str) and value.endswith(".py") and (SETTINGS.examples / value).is_file():
            found.append(example_input(value))
        elif isinstance(value, str) and (site / f"{value}.html").is_file():
            found += page_input(site / f"{value}.html")
    return found or None


def item_key(item, tier: str) -> str:
    module = Path(item.module.__file__) if getattr(item, "module", None) else Path(str(item.fspath))
    hook = getattr(item.module, "memo_inputs", None) if getattr(item, "module", None) else None
    given = hook(item) if hook else None
    if given is not None:
        data = [_files_digest([x])[0] if isinstance(x, Path) else str(x) for x in given]
    else:
        data = param_inputs(item) or tier_inputs(tier, module, getattr(item, "module", None))
    return _digest([item.nodeid, shared_code(), *_files_digest([module]), *data])


# ---------- pytest 钩子 ----------

class Memo:
    def __init__(self, config, deselect):
        self.config = config
        self.deselect = deselect  # CI 模式：只记下通过的键，不跳过任何检查
        self.skipped = 0
        self.passed: dict[str, str] = {}
        self.failed: set[str] = set()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, session, config, items):
        store = memo_dir()
        keep, drop = [], []
        for item in items:
            key = item_key(item, item.stash.get(TIER_KEY, "site"))
            item.user_properties.append(("memo_key", key))
            (drop if self.deselect and (store / key).is_file() else keep).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep
        self.skipped = len(drop)

    def pytest_runtest_logreport(self, report):
        if hasattr(self.config, "workerinput"):
            return  # xdist 的工作进程：由主进程记下
        key = dict(report.user_properties).get("memo_key")
        if not key:
            return
        if report.failed or report.skipped:
            self.failed.add(report.nodeid)
        elif report.when == "teardown" and report.nodeid not in self.failed:
            memo_dir().mkdir(parents=True, exist_ok=True)
            (memo_dir() / key).write_text(report.nodeid + "\n", encoding="utf-8")

    def pytest_sessionfinish(self, session, exitstatus):
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput["memo_skipped"] = self.skipped
        elif exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and self.total_skipped():
            session.exitstatus = pytest.ExitCode.OK  # 全部都证明没变：这也是通过

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        self._workers = getattr(self, "_workers", 0) + (getattr(node, "workeroutput", {}) or {}).get("memo_skipped", 0)
        self._nodes = getattr(self, "_nodes", 0) + 1

    def total_skipped(self) -> int:
        nodes = getattr(self, "_nodes", 0)
        return self._workers // nodes if nodes else self.skipped  # 每个工作进程收集的都是同样的全部检查

    def pytest_terminal_summary(self, terminalreporter):
        n = self.total_skipped()
        if n:
            terminalreporter.write_line(
                f"记忆：{n} 项检查的代码与全部输入都和上次通过时相同，这次没有运行（{memo_dir()}；"
                "--memo=off 或 MMDL_MEMO=off 全部运行，CI 总是全部运行）")


TIER_KEY = pytest.StashKey[str]()


def register(config) -> None:
    """本地：跳过证明没变的检查并记下新通过的；CI 模式（--memo=off、--strict-skips）：每项都运行，仍记下通过的
    （在同一个 BUILDDIR 里接着本地 make test，就只运行 CI 之后变了的）。"""
    config.pluginmanager.register(Memo(config, deselect=active(config)), "mmdl-memo")
