"""预加载解释器（docs/_ext/runner/preload.py + child/mmdl_preload.py）：与新进程等价、出错时退回、不留进程。

每个示例的两种运行——预加载的 fork 子进程与新进程——的等价性（退出码、标准输出、库版本、逐像素相同的图）
由 tests/site/test_downloads.py 检查：读者下载的文件在新进程里运行一次，与页面上（构建时预加载运行）的结果比较，
同一次新进程既证明下载文件能独立运行，也证明预加载不改变结果。这里检查预加载本身：导入哪些库、环境与状态
不泄漏、超时与 Ctrl-C、出错时退回，以及预加载的运行记下的依赖。
"""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from runner import preload, process, runs, settings
from support import ROOT, SETTINGS, live_processes, preload_dir, runner

ALL = runner.all_examples(SETTINGS)
REL = "basics/activation/softmax_stability.py"


@pytest.mark.parametrize("source, expected", [
    ("import numpy as np\n", ["numpy", "matplotlib", "matplotlib.backends.backend_agg"]),
    ("import numpy as np\nimport matplotlib.pyplot as plt\n",
     ["numpy", "matplotlib", "matplotlib.backends.backend_agg", "matplotlib.pyplot"]),
    ("from matplotlib import colors, pyplot as plt\n",
     ["numpy", "matplotlib", "matplotlib.backends.backend_agg", "matplotlib.pyplot"]),
    ("import matplotlib as mpl  # 没有 pyplot\n", ["numpy", "matplotlib", "matplotlib.backends.backend_agg"]),
    ("def gpu():\n    import tensorflow as tf\n    return tf\n", []),  # 函数里的 import 不提前
    ("import numpy as np\n\ndef show():\n    import matplotlib.pyplot as plt\n",
     ["numpy", "matplotlib", "matplotlib.backends.backend_agg"]),
    ("imported = 1\nfrom_keras = 2\n# import tensorflow\n", []),
])
def test_preloaded_modules_follow_the_scripts_imports(tmp_path, source, expected):
    """预加载的恰好是脚本一开始就会导入的重量级库：只看顶层 import，pyplot 只在脚本顶层导入它时才预加载。"""
    script = tmp_path / "s.py"
    script.write_text(source, encoding="utf-8")
    assert preload.modules_for([str(script), "--flag"]) == expected


def execute(rel, dest, preloading, monkeypatch=None):
    return runs._execute(SETTINGS.replace(preload=preloading), rel, [], dest)


def test_preloaded_build_records_every_repo_module_the_example_imports():
    """fork 子进程里服务端已经导入过的模块不会再导入一次；构建在预加载下记下的依赖（结果键的一部分）仍须包括
    示例 import 的每个本仓库模块（mmdl/…），画图的示例还有捕获代码替它导入的 mmdl/style.py。
    （预加载与新进程逐个示例的等价性——输出、图、库版本——由 tests/site/test_downloads.py 检查：
    下载文件在新进程里运行，与页面上预加载的结果比较。）"""
    problems, checked = [], 0
    for rel in ALL:
        stamp = runner.load_stamp(SETTINGS, rel) or {}
        if not stamp.get("preloaded"):
            continue
        checked += 1
        src = runner.parsed(SETTINGS, rel)
        want = {f"mmdl/{m}.py" for m in src.mmdl} | ({"mmdl/__init__.py"} if src.mmdl else set())
        if "matplotlib" in runner.libraries_used(SETTINGS, rel):
            want |= {"mmdl/__init__.py", "mmdl/style.py"}
        if missing := want - set(stamp["deps"]):
            problems.append(f"{rel}：预加载的运行没有记下 {sorted(missing)}")
    assert checked >= len(ALL) // 2, f"只有 {checked} 个示例是预加载运行的"
    assert not problems, "\n".join(problems)


def start(script_argv, cwd, env, timeout, out="out.txt", err="err.txt"):
    with open(Path(cwd) / out, "wb") as o, open(Path(cwd) / err, "wb") as e:
        return process.start(runner.interpreter(SETTINGS, "main"), [str(a) for a in script_argv], cwd, env, o, e, timeout,
                             preload=preload_dir(SETTINGS.replace(preload=True)))


def test_child_sees_request_environment_not_servers(tmp_path, monkeypatch):
    """环境变量整体替换（含 C 层 getenv）、cwd、argv、sys.path[0]、__main__ 与新进程一致；
    示例改动的全局状态不会留给下一个运行。"""
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent("""\
        import ctypes, json, os, sys, tempfile
        import numpy
        libc = ctypes.CDLL(None); libc.getenv.restype = ctypes.c_char_p
        numpy.MMDL_LEAK = getattr(numpy, "MMDL_LEAK", 0) + 1
        os.environ["MMDL_SET_BY_EXAMPLE"] = "1"
        print(json.dumps({"argv": sys.argv, "cwd": os.getcwd(), "path0": sys.path[0], "name": __name__,
                          "env": os.environ.get("MMDL_WORK_DIR"),
                          "c_env": (libc.getenv(b"MMDL_WORK_DIR") or b"").decode(), "leak": numpy.MMDL_LEAK,
                          "set_before": os.environ.get("MMDL_SET_BY_EXAMPLE_PREV"),
                          "tmp": tempfile.gettempdir(), "hashseed": os.environ.get("PYTHONHASHSEED"),
                          "stdin": sys.stdin.read(), "sid": os.getsid(0) == os.getpid()}))
        os.environ["MMDL_SET_BY_EXAMPLE_PREV"] = "leaked"
    """))
    base = {k: v for k, v in os.environ.items() if not k.startswith("MMDL_")}
    outs, servers = [], []
    for i in range(2):
        cwd = tmp_path / f"cwd{i}"
        (cwd / "tmp").mkdir(parents=True)
        env = dict(base, MMDL_WORK_DIR=f"value{i}", TMPDIR=str(cwd / "tmp"), PYTHONHASHSEED="0")
        res = start([script, "a", i], cwd, env, 60)
        assert res.preloaded and res.returncode == 0, (cwd / "err.txt").read_text()
        outs.append(json.loads((cwd / "out.txt").read_text()))
        servers.append(set(preload.server_pids()))
    assert servers[0] == servers[1], "两次运行应当由同一个服务端 fork（否则这里什么也没验证）"
    for i, got in enumerate(outs):
        cwd = tmp_path / f"cwd{i}"
        assert got == {"argv": [str(script), "a", str(i)], "cwd": str(cwd), "path0": str(tmp_path),
                       "name": "__main__", "env": f"value{i}", "c_env": f"value{i}", "leak": 1,
                       "set_before": None, "tmp": str(cwd / "tmp"), "hashseed": "0", "stdin": "", "sid": True}


def test_timeout_kills_the_whole_group(tmp_path, monkeypatch):
    script = tmp_path / "sleepy.py"
    script.write_text("import os, subprocess, time\nimport numpy\n"
                      "p = subprocess.Popen(['sleep', '300'])\nprint(os.getpid(), p.pid, flush=True)\ntime.sleep(300)\n")
    t0 = time.monotonic()
    res = start([script], tmp_path, dict(os.environ), 3)
    assert res.preloaded and res.timed_out and res.returncode == -signal.SIGKILL
    assert time.monotonic() - t0 < 60
    sid, grandchild = map(int, (tmp_path / "out.txt").read_text().split())
    assert not alive_in_sessions({sid}), "超时后示例的进程组里还有进程"
    assert not live_processes(pids={grandchild}), "超时后示例起的孙进程还活着"


def alive_in_sessions(sids):
    """会话号或进程组号属于 sids 的存活进程（support.live_processes，与 test_interrupt 共用）。"""
    return live_processes(set(sids))


DRIVER = """
import json, os, sys
sys.path.insert(0, {ext!r})
import runner
from runner import preload, process
process.install_signal_handlers()
S = runner.resolve()
scratch = S.cache_dir / "preload"
ok, bad, slow = sys.argv[1:4]
tmp = {tmp!r}
env = dict(os.environ)
for script, timeout in ((ok, 60), (bad, 60), (slow, 2)):
    with open(tmp + "/o.txt", "wb") as o, open(tmp + "/e.txt", "wb") as e:
        res = process.start(runner.interpreter(S, "main"), [script], tmp, env, o, e, timeout, preload=scratch)
    assert res.preloaded, "没有用上预加载"
    sid = int(open(tmp + "/o.txt").read().split()[0])
    print(json.dumps([sid] + preload.server_pids()), flush=True)
assert runner.run_cached(S, "demo/ch/a.py", "always").stamp["preloaded"]
if len(sys.argv) > 4:  # Ctrl-C：一个长时间运行的示例正在进行时收到 SIGINT
    print("RUNNING", flush=True)
    with open(tmp + "/last.txt", "wb") as o, open(tmp + "/e.txt", "wb") as e:
        process.start(runner.interpreter(S, "main"), [slow], tmp, env, o, e, 300, preload=scratch)
"""
PID = "import os\nprint(os.getpid(), flush=True)\n"


@pytest.mark.parametrize("interrupt", [False, True], ids=["normal-exit", "ctrl-c"])
def test_no_process_left_behind(tmp_path, interrupt):
    """一次成功、一次失败、一次超时的运行、一次构建运行之后正常退出（或在运行中按 Ctrl-C）：
    我们启动的会话里一个进程也不剩；Ctrl-C 在 2 秒内停下。"""
    ok, bad, slow = tmp_path / "ok.py", tmp_path / "bad.py", tmp_path / "slow.py"
    ok.write_text(PID + "import numpy\nprint(numpy.arange(3).sum())\n")
    bad.write_text(PID + "import numpy\nraise RuntimeError('示例失败')\n")
    slow.write_text(PID + "import subprocess, time\nimport numpy\nsubprocess.Popen(['sleep', '300'])\ntime.sleep(300)\n")
    examples = tmp_path / "examples" / "demo" / "ch"
    examples.mkdir(parents=True)
    (examples / "a.py").write_text("# env: main\nimport numpy\nprint(numpy.ones(2).sum())\n")
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(ext=str(ROOT / "docs" / "_ext"), tmp=str(tmp_path)))
    tag = uuid.uuid4().hex
    env = dict(os.environ, MMDL_PRELOAD="1", MMDL_LEAK_TAG=tag, MMDL_GEN_DIR=str(tmp_path / "gen"),
               MMDL_EXAMPLES_DIR=str(tmp_path / "examples"))
    argv = [sys.executable, str(driver), str(ok), str(bad), str(slow)] + (["interrupt"] if interrupt else [])
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    sids, stopped_in = set(), 0.0
    for line in proc.stdout:
        if line.startswith("RUNNING"):
            time.sleep(1.5)
            sids.add(int((tmp_path / "last.txt").read_text().split()[0]))
            t0 = time.monotonic()
            os.kill(proc.pid, signal.SIGINT)
            proc.wait(timeout=60)
            stopped_in = time.monotonic() - t0
            break
        sids.update(json.loads(line))
    proc.wait(timeout=120)
    err = proc.stderr.read()
    if interrupt:
        assert proc.returncode != 0 and stopped_in < 2.5, f"Ctrl-C 后 {stopped_in:.1f} 秒才停下：{err}"
    else:
        assert proc.returncode == 0, err
    assert len(sids) >= 4 + interrupt, f"驱动脚本没有报告会话号：{err}"
    deadline = time.monotonic() + 15
    while (left := alive_in_sessions(sids | {proc.pid}) + tagged(tag)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"留下了进程 {left}"


def tagged(tag):
    """初始环境里带着本测试独有标记的存活进程。"""
    return live_processes(needle=f"MMDL_LEAK_TAG={tag}")


@pytest.fixture
def fresh_client():
    def reset():
        preload.shutdown()
        preload._broken.clear()
        preload._said.clear()
    reset()
    yield
    reset()


def test_import_failure_falls_back_once(tmp_path, monkeypatch, capfd, fresh_client):
    monkeypatch.setattr(preload, "GROUPS", [(("numpy", "matplotlib"), ["numpy", "mmdl_no_such_module"])])
    for i in range(2):
        res = execute(REL, tmp_path / str(i), True, monkeypatch)
        assert res.returncode == 0 and not res.preloaded and (tmp_path / str(i) / "stdout.txt").read_text().strip()
    err = capfd.readouterr().err
    assert err.count("[mmdl preload]") == 1 and "mmdl_no_such_module" in err


def test_dead_server_falls_back_once(tmp_path, monkeypatch, capfd, fresh_client):
    res = execute(REL, tmp_path / "a", True, monkeypatch)
    assert res.returncode == 0 and res.preloaded
    for pid in preload.server_pids():
        os.kill(pid, signal.SIGKILL)
    for name in ("b", "c"):
        res = execute(REL, tmp_path / name, True, monkeypatch)
        assert res.returncode == 0 and not res.preloaded
        assert (tmp_path / name / "stdout.txt").read_text() == (tmp_path / "a" / "stdout.txt").read_text()
    err = capfd.readouterr().err
    assert err.count("[mmdl preload]") == 1, err


def test_switch_turns_it_off(tmp_path, monkeypatch):
    assert not execute(REL, tmp_path / "x", False, monkeypatch).preloaded
    assert execute(REL, tmp_path / "y", True, monkeypatch).preloaded
    assert settings.resolve({"MMDL_PRELOAD": "0"}).preload is False
    assert settings.resolve({}).preload is True
    with pytest.raises(settings.SettingsError, match="MMDL_PRELOAD"):
        settings.resolve({"MMDL_PRELOAD": "yes"})
    assert settings.resolve({}, {"mmdl_preload": "0"}).preload is False  # -D mmdl_preload=0
    with pytest.raises(settings.SettingsError, match="mmdl_preload"):
        settings.resolve({}, {"mmdl_preload": "no"})


NO_PIDFD = """\
# 没有 os.pidfd_open 的系统（macOS、Python 3.8）上的服务端：删掉它，再照常运行真正的服务端
import os, runpy, sys

MEMO_READS = ("examples",)  # 测试的记忆（tests/memo.py）：不带参数的检查也读全部示例（构建顺序、结果）
del os.pidfd_open
server = {server!r}
sys.argv[0] = server
runpy.run_path(server, run_name="__main__")
"""


def test_server_without_pidfd_runs_each_example_once(tmp_path, monkeypatch, capfd, fresh_client):
    """在没有 ``os.pidfd_open`` 的系统上（模拟：服务端启动前删掉它），预加载照样可用、超时照样生效，
    示例只运行一次——不会先在服务端里崩溃、再用新进程重跑一遍。"""
    wrapper = tmp_path / "server_no_pidfd.py"
    wrapper.write_text(NO_PIDFD.format(server=str(preload.SERVER)), encoding="utf-8")
    monkeypatch.setattr(preload, "SERVER", wrapper)
    counter = tmp_path / "runs.txt"
    script = tmp_path / "count.py"
    script.write_text(f"import numpy\nwith open({str(counter)!r}, 'a') as f:\n    f.write('x')\nprint('ok')\n")
    res = start([script], tmp_path, dict(os.environ), 60)
    assert res.returncode == 0 and res.preloaded, (tmp_path / "err.txt").read_text()
    assert counter.read_text() == "x", "示例运行了不止一次"
    slow = tmp_path / "slow.py"
    slow.write_text("import numpy, time\ntime.sleep(30)\n")
    t0 = time.monotonic()
    res = start([slow], tmp_path, dict(os.environ), 1)
    assert res.timed_out and res.preloaded and time.monotonic() - t0 < 10
    assert "[mmdl preload]" not in capfd.readouterr().err


def test_server_dying_during_a_run_is_reported_not_rerun(tmp_path, monkeypatch, fresh_client):
    """示例开始运行之后服务端死了：这次运行报告为失败（stderr 里说明），不用新进程再跑一遍。"""
    counter = tmp_path / "runs.txt"
    script = tmp_path / "die.py"
    script.write_text(f"import numpy, os, signal\nopen({str(counter)!r}, 'a').write('x')\n"
                      "os.kill(os.getppid(), signal.SIGKILL)\nimport time\ntime.sleep(5)\n")
    res = start([script], tmp_path, dict(os.environ), 60)
    assert res.returncode != 0 and res.preloaded
    assert counter.read_text() == "x", "示例被重跑了"
    assert "没有重跑" in (tmp_path / "err.txt").read_text(encoding="utf-8")


def test_each_kind_of_server_reports_its_own_failure(tmp_path, monkeypatch, capfd, fresh_client):
    """两种服务端（NumPy 一种、pandas 一种）都起不来：各报告一次，不是只报告第一种。"""
    monkeypatch.setattr(preload, "GROUPS", [(("numpy",), ["numpy", "mmdl_no_such_a"]),
                                            (("pandas",), ["pandas", "mmdl_no_such_b"])])
    for name, code in (("a", "import numpy\n"), ("b", "import pandas\n"), ("c", "import numpy\n")):
        script = tmp_path / f"{name}.py"
        script.write_text(code + "print('ok')\n")
        res = start([script], tmp_path, dict(os.environ), 60)
        assert res.returncode == 0 and not res.preloaded
    err = capfd.readouterr().err
    assert err.count("[mmdl preload]") == 2 and "mmdl_no_such_a" in err and "mmdl_no_such_b" in err, err


def test_build_runs_each_kind_of_server_in_one_stretch():
    """构建的运行顺序：同一种预加载解释器的示例连在一起（每种每个线程只启动一次），组内长的在前。"""
    import prerun
    from runner import shard

    todo = list(reversed(ALL))
    order = prerun.schedule(SETTINGS, todo)
    assert sorted(order) == sorted(todo)
    kinds = [(runner.declared_env(SETTINGS, r), tuple(preload.modules_for([str(SETTINGS.examples / r)]))) for r in order]
    stretches = [k for i, k in enumerate(kinds) if i == 0 or k != kinds[i - 1]]
    assert len(stretches) == len(set(kinds)), "同一种解释器的示例被别的隔开了"
    durations = shard.load_durations()
    for kind in set(kinds):
        times = [durations.get(r, 0) for r, k in zip(order, kinds) if k == kind and r in durations]
        assert times == sorted(times, reverse=True), kind
