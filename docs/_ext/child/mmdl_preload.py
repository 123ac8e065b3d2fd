"""预加载解释器：先导入一次重量级的库，再为每次运行 fork 一个子进程。

用法（由 docs/_ext/runner/preload.py 启动，读者不需要直接用它）::

    python mmdl_preload.py <套接字 fd> <模块>…

启动时按顺序导入给出的模块，然后在继承来的 Unix 套接字上逐条处理请求（每行一个 JSON）：

  请求  {"argv": [脚本, 参数…], "cwd": …, "env": {…}, "stdout": 路径, "stderr": 路径, "timeout": 秒}
  回答  {"pid": 子进程号}，运行结束后再回 {"status": 退出码, "utime", "stime", "maxrss_kb", "timed_out"}

子进程与 ``python 脚本 参数…`` 新启动的进程对示例来说没有区别：它调用 setsid()
成为新会话和进程组的首进程，标准输入输出重定向到请求给的文件，工作目录、sys.argv、
sys.path[0] 与完整的环境变量（os.environ 整体替换；导入时库自己改过的变量按同样的规则
重放）都按请求设置，tempfile、random、numpy 的随机状态重新初始化，脚本以 ``__main__``
运行，结束时像解释器退出一样等待线程、运行 atexit、刷新输出。超时或客户端断开时，
服务端杀掉整个进程组；资源用量由服务端 wait4() 得到，只含该子进程本身。
"""
import importlib
import json
import os
import select
import signal
import socket
import sys
import time


def send(sock, msg):
    sock.sendall((json.dumps(msg) + "\n").encode())


def kill_group(pid):
    for fn, target in ((os.killpg, pid), (os.kill, pid)):
        try:
            fn(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _exit_code(exc):
    """与解释器处理未捕获的 SystemExit 的方式相同。"""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    sys.stderr.write(f"{exc.code}\n")
    return 1


def _print_traceback(exc, script):
    """打印异常栈，去掉本服务端自己的栈帧（新进程的栈从脚本开始）。"""
    import traceback

    tb = exc.__traceback__
    while tb is not None and os.path.realpath(tb.tb_frame.f_code.co_filename) != script:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb or exc.__traceback__)


def child(req, sock, env_before, env_after):
    """fork 出的子进程：布置成新进程的样子，运行脚本，永不返回。"""
    code = 1
    try:
        os.setsid()
        os.close(sock.detach())
        fds = [os.open(os.devnull, os.O_RDONLY)]
        for path in (req["stdout"], req["stderr"]):
            fds.append(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666))
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(req["cwd"])
        env = dict(req["env"])
        for key in set(env_before) | set(env_after):  # 导入时库改过的变量：请求里的值与导入前相同才重放
            if env_before.get(key) != env_after.get(key) and env.get(key) == env_before.get(key):
                if key in env_after:
                    env[key] = env_after[key]
                else:
                    env.pop(key, None)
        os.environ.clear()
        os.environ.update(env)
        script = os.path.realpath(req["argv"][0])
        sys.argv = list(req["argv"])
        sys.orig_argv = [sys.executable, *req["argv"]]
        sys.path[0] = os.path.dirname(script)
        import tempfile

        tempfile.tempdir = None
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        import runpy

        try:
            runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc)
        except BaseException as exc:  # noqa: BLE001 —— 与新进程一样打印异常栈、退出码 1
            _print_traceback(exc, script)
            code = 1
        try:
            import threading

            threading._shutdown()
        except Exception:  # noqa: BLE001
            pass
        import atexit

        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(code)


def _exit_status(status):
    """wait4 的状态 → 退出码（被信号杀死时为负的信号号），与 subprocess 的 returncode 相同。"""
    if hasattr(os, "waitstatus_to_exitcode"):
        return os.waitstatus_to_exitcode(status)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _wait_with_pidfd(pid, deadline, sock):
    """Linux（Python ≥ 3.9）：pidfd 与套接字一起 select，子进程一结束就醒。"""
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            ready, _, _ = select.select([pidfd, sock], [], [], left)
            if pidfd in ready:
                return "exited"
            if sock in ready:
                return "client"
    finally:
        os.close(pidfd)


def _wait_polling(pid, deadline, sock):
    """没有 pidfd_open 的系统（macOS、Python 3.8）：每 20 毫秒用 wait4(WNOHANG) 看一次子进程是否结束。"""
    while True:
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got:
            return ("reaped", status, usage)
        left = deadline - time.monotonic()
        if left <= 0:
            return "timeout"
        ready, _, _ = select.select([sock], [], [], min(left, 0.02))
        if sock in ready:
            return "client"


def wait_child(pid, timeout, sock):
    """等子进程结束；超时或客户端断开时杀掉它的进程组。返回 (结果, 客户端是否还在)。"""
    deadline = time.monotonic() + timeout
    wait = _wait_with_pidfd if hasattr(os, "pidfd_open") else _wait_polling
    how = wait(pid, deadline, sock)
    if how in ("timeout", "client"):
        kill_group(pid)
    if isinstance(how, tuple):
        _, status, usage = how
    else:
        _, status, usage = os.wait4(pid, 0)
    kill_group(pid)  # 示例留下的孙进程（同一进程组）一并结束
    return {"status": _exit_status(status), "utime": usage.ru_utime, "stime": usage.ru_stime,
            "maxrss_kb": usage.ru_maxrss, "timed_out": how == "timeout"}, how != "client"


def main():
    sock = socket.socket(fileno=int(sys.argv[1]))
    modules = sys.argv[2:]
    env_before = dict(os.environ)
    t0 = time.perf_counter()
    try:
        for name in modules:
            importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001 —— 导入失败：告诉客户端，由它改用新进程
        send(sock, {"ok": False, "error": f"导入 {name} 失败：{type(exc).__name__}: {exc}"})
        return 1
    env_after = dict(os.environ)
    os.environ.clear()
    os.environ.update(env_before)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    send(sock, {"ok": True, "import_s": round(time.perf_counter() - t0, 3), "modules": modules})
    reader = sock.makefile("rb")
    while True:
        line = reader.readline()
        if not line:
            return 0
        req = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(req, sock, env_before, env_after)
        send(sock, {"pid": pid})
        result, alive = wait_child(pid, float(req["timeout"]), sock)
        if not alive:
            return 0
        send(sock, result)


if __name__ == "__main__":
    sys.exit(main())
