"""预加载解释器的客户端：每个框架的导入只付一次（process.set_preloader 接进 process.start）。

``run()`` 把一次运行交给一个已经导入了重量级库的常驻解释器（``child/mmdl_preload.py``），由它
fork 出子进程运行，返回 ProcessResult；不能用预加载时返回 None，process.start 照常启动新进程。

- 预加载哪些库：argv 里各个 .py 文件顶层 import 的重量级库（TensorFlow/Keras、MXNet、scikit-learn、
  matplotlib 与 pyplot、pandas、NumPy）——只预加载这次运行本来就会、而且一开始就会导入的，不把别的库
  导入时的副作用带给示例。函数里的 import 不算：提前导入是看得出来的（check_env 在导入 TensorFlow
  之前列出已载入的 BLAS，预加载了 TensorFlow 就多出一个）。
- 服务端按（解释器、模块、导入时起作用的环境变量）区分；每个线程同一时刻独占一个，第一次需要时启动，
  之后复用，进程退出时（atexit）关闭。fork 出的示例进程自成会话，进程组登记在 process 里，
  Ctrl-C/SIGTERM 与超时都杀掉整个组；客户端消失时服务端读到 EOF，杀掉正在运行的组后退出。
- 服务端起不来、导入失败或中途死掉：返回 None，每种服务端只说一次（stderr 一行）；套接字操作都有超时。
  示例已经开始运行（服务端回了子进程号）之后出的错，不再改用新进程重跑：那样示例会运行两次。
- ``MMDL_PRELOAD=0``（Sphinx 配置值 ``mmdl_preload``）关掉预加载：process.start 的 preload 参数。
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO

from . import process, source
from .settings import CHILD

SERVER = CHILD / "mmdl_preload.py"
# 顶层包 → 预加载的模块（固定顺序，便于共用服务端）。capture 后端总会导入 matplotlib 与 Agg 后端（它们
# 导入 NumPy），但不导入 pyplot：示例是否用了 pyplot 决定它的输出是否取决于 matplotlibrc 与字体，
# 预加载不能改变这一点（Keras 自己会导入 pyplot，新进程里也一样）。scikit-learn 连同 SciPy 与示例
# 常用的子模块；Keras 与 TensorFlow 互相导入，算一组。
GROUPS = [
    (("numpy", "matplotlib"), ["numpy", "matplotlib", "matplotlib.backends.backend_agg"]),
    (("pandas",), ["pandas"]),
    (("scipy", "sklearn"), ["scipy", "sklearn", "sklearn.datasets", "sklearn.model_selection",
                            "sklearn.preprocessing", "sklearn.metrics", "sklearn.linear_model"]),
    (("tensorflow", "keras"), ["tensorflow", "keras"]),
    (("mxnet",), ["mxnet"]),
]
# 示例在顶层导入 pyplot 时才预加载它（约 0.3 秒）：导入 pyplot 不选后端、不建图，只读已经载入的 rcParams
MAX_IDLE = 10  # 最多保留这么多空闲的服务端，多了关掉最久没用的（一次构建大约用到 15 种）
# 每次不同、导入时没有库读：不区分服务端（MMDL_LIBRARIES 是这个示例 import 了的库，只有 mmdl_capture 在结束时读）
PER_RUN = ("TMPDIR", "MMDL_WORK_DIR", "MMDL_FIG_DIR", "MMDL_META", "MMDL_LIBRARIES")
START_TIMEOUT = 300  # 服务端导入全部模块的最长时间（秒）
GRACE = 30  # 超时之后再等服务端回话的时间（秒）


class ServerError(Exception):
    def __init__(self, msg: str, started: bool = False) -> None:
        super().__init__(msg)
        self.started = started  # 示例已经开始运行（服务端回了子进程号）


def modules_for(argv: list[str]) -> list[str]:
    """argv 里各个 .py 文件顶层导入的重量级库（runner/source.py 的 top_imports），展开成要预加载的模块。"""
    roots: set[str] = set()
    pyplot = False
    for arg in argv:
        if str(arg).endswith(".py") and os.path.isfile(arg):
            try:
                src = source.parse(Path(arg))
            except (SyntaxError, UnicodeDecodeError, OSError):
                continue  # 解析不了的文件不预加载任何东西：新进程会照常报出它的错误
            roots.update(src.top_imports)
            pyplot = pyplot or src.pyplot_top
    mods = [mod for names, mods in GROUPS if roots.intersection(names) for mod in mods]
    return mods + ["matplotlib.pyplot"] if pyplot and "matplotlib" in mods else mods


class Server:
    def __init__(self, key: tuple, interpreter: str, modules: list[str], env: dict[str, str], scratch: Path) -> None:
        self.key, self.used = key, 0.0
        scratch.mkdir(parents=True, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="server-", dir=scratch)  # 在 BUILDDIR 里，不在系统临时目录
        self.log = Path(self.tmp) / "server.log"
        env = {k: v for k, v in env.items() if k not in PER_RUN}
        env["TMPDIR"] = self.tmp
        ours, theirs = socket.socketpair()
        try:
            with open(self.log, "wb") as log:
                self.proc = subprocess.Popen(
                    [interpreter, str(SERVER), str(theirs.fileno()), *modules], env=env, cwd=self.tmp,
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, pass_fds=(theirs.fileno(),),
                    start_new_session=True)
        finally:
            theirs.close()
        self.sock, self.reader = ours, ours.makefile("rb")
        try:
            hello = self._recv(START_TIMEOUT)
            if not hello.get("ok"):
                raise ServerError(hello.get("error", "服务端启动失败"))
        except BaseException:
            self.close()
            raise

    def _recv(self, timeout: float) -> dict:
        self.sock.settimeout(timeout)
        try:
            line = self.reader.readline()
        except (OSError, ValueError) as exc:
            raise ServerError(f"服务端没有回应（{type(exc).__name__}）") from exc
        if not line:
            tail = self.log.read_text(errors="replace").strip().splitlines()[-3:] if self.log.exists() else []
            raise ServerError("服务端意外退出" + ("：" + " / ".join(tail) if tail else ""))
        return json.loads(line)

    def request(self, argv: list[str], cwd: Path, env: dict, out: str, err: str,
                timeout: float) -> process.ProcessResult:
        req = {"argv": [str(a) for a in argv], "cwd": str(cwd), "env": dict(env), "stdout": out, "stderr": err,
               "timeout": timeout}
        t0, pid = time.perf_counter(), None
        try:
            self.sock.settimeout(30)
            self.sock.sendall((json.dumps(req) + "\n").encode())
            pid = self._recv(30)["pid"]  # = 示例的会话号与进程组号
            process.register_group(pid)
            res = self._recv(timeout + GRACE)
        except BaseException as exc:
            if pid:  # 出错或被打断（Ctrl-C）：示例连同它起的进程一起结束
                process.unregister_group(pid)
                process._kill(pid)
            if isinstance(exc, (OSError, ServerError)):
                raise ServerError(str(exc), started=pid is not None) from exc
            raise  # Ctrl-C：这个服务端不再复用，atexit 时关闭
        process.unregister_group(pid)  # 服务端已经 wait4 并杀过整个组
        return process.ProcessResult(res["status"], round(time.perf_counter() - t0, 3),
                                     round(res["utime"] + res["stime"], 3), round(res["maxrss_kb"] / 1024, 1),
                                     bool(res["timed_out"]), preloaded=True)

    def close(self) -> None:
        try:  # 服务端读到 EOF：杀掉正在运行的示例进程组，然后自行退出
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.reader.close()
        self.sock.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


_lock = threading.Lock()
_idle: dict[tuple, list[Server]] = {}
_all: list[Server] = []
_broken: dict[tuple, str] = {}  # 失败过的服务端不再尝试
_said: set[tuple] = set()


def _say_once(key: tuple, msg: str) -> None:
    """每种服务端（key）的失败只说一次；另一种服务端的失败照样报告。"""
    with _lock:
        if key in _said:
            return
        _said.add(key)
    sys.stderr.write(f"[mmdl preload] {msg}；改用新进程运行（MMDL_PRELOAD=0 可关闭预加载）\n")
    sys.stderr.flush()


def _acquire(key: tuple, interpreter: str, modules: list[str], env: dict, scratch: Path) -> Server | None:
    with _lock:
        if key in _broken:
            return None
        if _idle.get(key):
            return _idle[key].pop()
    try:
        srv = Server(key, interpreter, modules, env, scratch)
    except (OSError, ServerError) as exc:
        with _lock:
            _broken[key] = str(exc)
        _say_once(key, f"预加载解释器（{' '.join(modules)}）启动失败：{exc}")
        return None
    with _lock:
        _all.append(srv)
    return srv


def _release(srv: Server) -> None:
    with _lock:
        srv.used = time.monotonic()
        _idle.setdefault(srv.key, []).append(srv)
        idle = sorted((s for lst in _idle.values() for s in lst), key=lambda s: s.used)
        extra = idle[:max(0, len(idle) - MAX_IDLE)]
        for old in extra:
            _idle[old.key].remove(old)
            _all.remove(old)
    for old in extra:
        old.close()


def run(interpreter: str, argv: list, cwd: Path, env: dict[str, str], stdout: BinaryIO, stderr: BinaryIO,
        timeout: float, scratch: Path) -> process.ProcessResult | None:
    """在预加载的 interpreter 里运行 argv（脚本及参数），等价于新进程 ``interpreter *argv``；或返回 None。

    stdout/stderr 是按路径打开的文件（服务端按 .name 重新打开）；env 是子进程的完整环境。
    """
    names = [getattr(f, "name", None) for f in (stdout, stderr)]
    if not all(isinstance(n, str) for n in names):
        return None
    modules = modules_for(argv)
    if not modules:
        return None
    fixed = json.dumps(sorted((k, v) for k, v in env.items() if k not in PER_RUN))
    key = (str(interpreter), tuple(modules), hashlib.sha256(fixed.encode()).hexdigest())
    srv = _acquire(key, str(interpreter), modules, env, Path(scratch))
    if srv is None:
        return None
    try:
        result = srv.request(argv, cwd, env, os.path.abspath(names[0]), os.path.abspath(names[1]), timeout)
    except ServerError as exc:
        with _lock:
            _all.remove(srv)
            _broken[key] = str(exc)
        srv.close()
        process.check_cancelled()
        what = f"预加载解释器（{os.path.basename(str(interpreter))}，{' '.join(modules)}）出错：{exc}"
        if exc.started:  # 示例已经运行过（一部分）：报告失败，不再用新进程重跑一遍
            with open(names[1], "a", encoding="utf-8") as err:
                err.write(f"\n[mmdl preload] {what}（示例运行中；没有重跑）\n")
            return process.ProcessResult(-1, 0.0, 0.0, 0.0, preloaded=True)
        _say_once(key, what)
        return None
    _release(srv)
    return result


def shutdown() -> None:
    """关闭所有服务端（atexit 时自动调用）。"""
    with _lock:
        servers = list(_all)
        _all.clear()
        _idle.clear()
    for srv in servers:
        srv.close()


def server_pids() -> list[int]:
    with _lock:
        return [s.proc.pid for s in _all]


atexit.register(shutdown)
