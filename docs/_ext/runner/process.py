"""启动一个子进程并等它结束：独立的进程组、超时、资源用量、中断时杀掉全部子进程、失败说明。

Ctrl-C 与 SIGTERM：``install_signal_handlers()`` 之后，信号先杀掉所有登记的进程组（示例进程在
自己的会话里，终端的 Ctrl-C 到不了它们），再在主线程里抛出 KeyboardInterrupt；之后不再启动新的
示例。``start`` 是唯一启动示例进程的地方；预加载的解释器（fork 服务器）用 ``set_preloader``
接进来，它必须用 ``register_group``/``unregister_group`` 登记自己起的进程组。
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class Interrupted(KeyboardInterrupt):
    """运行被 Ctrl-C / SIGTERM 打断。"""


@dataclass
class ProcessResult:
    returncode: int
    wall: float
    cpu: float
    maxrss_mb: float
    timed_out: bool = False
    preloaded: bool = False  # 在预加载的解释器里 fork 运行（runner/preload.py）


# (interpreter, argv, cwd, env, stdout, stderr, timeout, scratch) -> ProcessResult，或 None 表示改用普通子进程
Preloader = Callable[[str, list, Path, dict, BinaryIO, BinaryIO, float, Path], "ProcessResult | None"]
_preloader: list[Preloader] = []
_groups: set[int] = set()
_lock = threading.Lock()
_cancelled = threading.Event()


def set_preloader(fn: Preloader | None) -> None:
    """接上（或用 None 取下）预加载解释器的客户端。"""
    _preloader[:] = [fn] if fn else []


def register_group(pgid: int) -> None:
    with _lock:
        _groups.add(pgid)
    if _cancelled.is_set():
        _kill(pgid)


def unregister_group(pgid: int) -> None:
    with _lock:
        _groups.discard(pgid)


def _kill(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def cancel() -> int:
    """停止一切：杀掉全部登记的进程组，之后 start() 不再启动新进程。返回杀掉的组数。"""
    _cancelled.set()
    with _lock:
        groups = list(_groups)
    for pgid in groups:
        _kill(pgid)
    return len(groups)


def check_cancelled() -> None:
    if _cancelled.is_set():
        raise Interrupted()


def install_signal_handlers() -> None:
    """SIGINT/SIGTERM：杀掉子进程组，再在主线程里抛 KeyboardInterrupt。只能在主线程里调用。"""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: object) -> None:
        if _cancelled.is_set():  # 已在停止中：第二个信号不打断清理
            return
        cancel()
        raise Interrupted()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, handler)


def start(interpreter: str, argv: list[str], cwd: Path, env: dict[str, str], stdout: BinaryIO,
          stderr: BinaryIO, timeout: float, preload: Path | None = None) -> ProcessResult:
    """在新会话（自己的进程组）里运行 ``interpreter argv…``，等它结束；超时或中断时杀掉整个组。

    preload（预加载解释器放临时文件的目录）给出时先交给预加载解释器（set_preloader 接上的）；
    它不能用时照常启动新进程。
    """
    check_cancelled()
    for fn in _preloader if preload else ():
        result = fn(interpreter, argv, cwd, env, stdout, stderr, timeout, preload)
        if result is not None:
            check_cancelled()
            return result
    t0 = time.perf_counter()
    proc = subprocess.Popen([interpreter, *argv], cwd=cwd, stdout=stdout, stderr=stderr,
                            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    register_group(proc.pid)
    timed_out = threading.Event()

    def on_timeout() -> None:
        timed_out.set()
        _kill(proc.pid)

    timer = threading.Timer(timeout, on_timeout)
    timer.start()
    try:
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # 进程号仍被占着，组可以安全地杀
    finally:
        timer.cancel()
        _kill(proc.pid)  # 示例自己起的子进程也不留下
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        unregister_group(proc.pid)
    check_cancelled()
    return ProcessResult(proc.returncode, round(time.perf_counter() - t0, 3),
                         round(usage.ru_utime + usage.ru_stime, 3), round(usage.ru_maxrss / 1024, 1),
                         timed_out.is_set())


def failure_message(rel: str, stderr: str, result: ProcessResult, timeout: float) -> str:
    """示例失败的说明：超时、越界，或示例自己的栈（去掉运行器的栈帧）的最后 15 行。"""
    if result.timed_out:
        return f"示例 {rel} 超时：{timeout:g} 秒内没有结束"
    m = re.search(r"MMDL-VIOLATION: (.*)", stderr)
    if m:
        return f"示例 {rel} 越界：{m.group(1)}"
    lines, skip = [], False
    for line in stderr.strip().splitlines():
        if skip and line.startswith("    "):
            continue
        skip = "mmdl_capture.py" in line or "<frozen runpy>" in line
        if not skip:
            lines.append(line)
    tail = "\n".join(lines[-15:])
    return f"示例 {rel} 运行失败（退出码 {result.returncode}）：\n{tail}"
