"""示例运行器：构建（Sphinx 扩展）与测试（tests/support.py）共用的唯一实现。

一个示例 = ``examples/`` 下的一个 ``.py`` 文件，第一行声明运行环境::

    # env: main      （主环境：TensorFlow、NumPy 2……）
    # env: mxnet     （MXNet 1.9.1 专用环境）

``run(rel)`` 在该环境的解释器里、以子进程无界面地运行示例，把标准输出、图片和
一个“戳”（stamp.json）写到 ``_build/examples/<rel 去掉 .py>/``。戳里记录示例本身、
它导入的 ``examples/mmdl`` 模块、以及解释器里全部包版本的哈希；三者都没变时不重跑。

环境变量：
  MMDL_PYTHON / MMDL_MXNET_PYTHON  两个环境的解释器（默认 .venv、.venv-mxnet）
  MMDL_RUN      auto（默认：过期才跑）| always（总是重跑）| never（过期即报错）
  MMDL_TIMEOUT  每个示例的超时秒数（默认 180）
  MMDL_THREADS  每个示例可用的线程数（默认 1，两个示例并行时不抢核）
  MMDL_GEN_DIR  生成文件的目录（默认 _build；测试用它隔离）
  MMDL_EXAMPLES_DIR、MMDL_MATPLOTLIBRC  示例目录与 matplotlib 配置（默认仓库里的；测试用）
"""
import datetime
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("MMDL_EXAMPLES_DIR", ROOT / "examples")).resolve()
CHILD = Path(__file__).resolve().parent / "child"
ENVS = ("main", "mxnet")
RUNNER_SHA = hashlib.sha256((CHILD / "mmdl_capture.py").read_bytes()).hexdigest()
HEADER = re.compile(r"#\s*env:\s*(\S+)\s*$")


class ExampleError(Exception):
    """示例失败、超时、越界写文件、输出过期或声明有误；消息里总带着示例名。"""


@dataclass
class Result:
    rel: str
    stdout: str
    figures: list = field(default_factory=list)
    stamp: dict = field(default_factory=dict)
    ran: bool = False  # 这次是否真的运行了（False 表示用了未过期的缓存）


def gen_dir():
    return Path(os.environ.get("MMDL_GEN_DIR", ROOT / "_build")).resolve()


def all_examples():
    """examples/ 下所有示例（相对路径），不含共用包 mmdl 与以 _ 开头的文件。"""
    out = []
    for p in sorted(EXAMPLES.rglob("*.py")):
        rel = p.relative_to(EXAMPLES)
        if rel.parts[0] == "mmdl" or any(part.startswith("_") for part in rel.parts):
            continue
        out.append(rel.as_posix())
    return out


def declared_env(rel):
    path = EXAMPLES / rel
    if not path.is_file():
        raise ExampleError(f"示例 {rel} 不存在（{path}）")
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = HEADER.match(first)
    if not m or m.group(1) not in ENVS:
        raise ExampleError(f"示例 {rel} 的第一行必须声明运行环境：'# env: main' 或 '# env: mxnet'")
    return m.group(1)


def interpreter(env):
    if env == "main":
        return os.environ.get("MMDL_PYTHON") or sys.executable
    py = os.environ.get("MMDL_MXNET_PYTHON") or str(ROOT / ".venv-mxnet" / "bin" / "python")
    if not Path(py).exists():
        raise ExampleError(f"找不到 MXNet 环境的解释器 {py}：运行 'make mxnet-env'，或用 MXNET_PYTHON=… 指定")
    return py


_fingerprints = {}
_FP_CODE = ("import sys,json\nfrom importlib import metadata as m\n"
            "print(json.dumps({'python': sys.version, 'packages': sorted("
            "f\"{d.metadata['Name']}=={d.version}\" for d in m.distributions())}))")


def env_fingerprint(env):
    """解释器版本 + 全部包版本的哈希；每个进程每个环境只算一次。"""
    if env not in _fingerprints:
        py = interpreter(env)
        out = subprocess.run([py, "-c", _FP_CODE], capture_output=True, text=True, check=True)
        _fingerprints[env] = sha(out.stdout.encode())
    return _fingerprints[env]


def sha(data):
    return hashlib.sha256(data).hexdigest()


def file_sha(rel):
    p = EXAMPLES / rel
    return sha(p.read_bytes()) if p.is_file() else "missing"


def out_dir(rel):
    return gen_dir() / "examples" / rel[:-3]


def load_stamp(rel):
    try:
        return json.loads((out_dir(rel) / "stamp.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(rel, stamp=None):
    stamp = stamp or load_stamp(rel)
    if not stamp or stamp.get("returncode") != 0:
        return False
    if stamp["script"] != file_sha(rel) or stamp["env_sha"] != env_fingerprint(declared_env(rel)):
        return False
    if stamp.get("runner") != RUNNER_SHA:  # 捕获输出的方式变了，旧输出不再可信
        return False
    return all(file_sha(d) == h for d, h in stamp["deps"].items())


def _result(rel, stamp, ran):
    d = out_dir(rel)
    figs = [d / "figs" / f"fig-{i}.png" for i in range(1, stamp["figures"] + 1)]
    return Result(rel, (d / "stdout.txt").read_text(encoding="utf-8"), figs, stamp, ran)


def child_env(env, work, figs, meta):
    cache = gen_dir() / "cache"
    threads = os.environ.get("MMDL_THREADS", "1")
    e = dict(os.environ)
    e.update({
        "MPLBACKEND": "module://mmdl_capture", "MATPLOTLIBRC": os.environ.get("MMDL_MATPLOTLIBRC", str(ROOT / "matplotlibrc")),
        "MPLCONFIGDIR": str(cache / f"mpl-{env}"), "KERAS_HOME": str(cache / "keras"),
        "PYTHONPATH": os.pathsep.join([str(CHILD), str(EXAMPLES)]),
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
        "TMPDIR": str(work / "tmp"), "MMDL_WORK_DIR": str(work), "MMDL_FIG_DIR": str(figs),
        "MMDL_META": str(meta), "MMDL_EXAMPLES": str(EXAMPLES),
        "TF_CPP_MIN_LOG_LEVEL": "2", "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads, "TF_NUM_INTRAOP_THREADS": threads,
        "TF_NUM_INTEROP_THREADS": threads, "MXNET_CPU_WORKER_NTHREADS": threads,
    })
    return e


def _execute(rel, env, args, dest, timeout):
    """运行一次，返回 (返回码, 资源用量, 是否超时)；输出写进 dest。"""
    if dest.exists():
        shutil.rmtree(dest)
    work, figs = dest / "work", dest / "figs"
    for d in (work / "tmp", figs, gen_dir() / "cache"):
        d.mkdir(parents=True, exist_ok=True)
    cmd = [interpreter(env), str(CHILD / "mmdl_capture.py"), str(EXAMPLES / rel), *args]
    with open(dest / "stdout.txt", "wb") as out, open(dest / "stderr.txt", "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=work, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=child_env(env, work, figs, dest / "run.json"),
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    res = {"wall": round(time.perf_counter() - t0, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3),
           "maxrss_mb": round(usage.ru_maxrss / 1024, 1)}
    return proc.returncode, res, timed_out.is_set()


def _failure(rel, dest, code, timed_out, timeout):
    err = (dest / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    if timed_out:
        return ExampleError(f"示例 {rel} 超时：{timeout} 秒内没有结束")
    m = re.search(r"MMDL-VIOLATION: (.*)", err)
    if m:
        return ExampleError(f"示例 {rel} 越界：{m.group(1)}")
    lines, skip = [], False
    for line in err.strip().splitlines():  # 去掉运行器自己的栈帧，只留示例的
        if skip and line.startswith("    "):
            continue
        skip = "mmdl_capture.py" in line or "<frozen runpy>" in line
        if not skip:
            lines.append(line)
    tail = "\n".join(lines[-15:])
    return ExampleError(f"示例 {rel} 运行失败（退出码 {code}）：\n{tail}")


def run(rel, args=(), mode=None, timeout=None):
    """运行示例（必要时）并返回 Result；失败抛出 ExampleError。

    不带参数的运行结果被缓存，供构建与测试共用；带参数的运行不缓存，写进
    ``<输出目录>/args-<哈希>/``，失败也不抛异常（由调用者检查 stamp['returncode']）。
    """
    env = declared_env(rel)
    mode = mode or os.environ.get("MMDL_RUN", "auto")
    timeout = timeout or float(os.environ.get("MMDL_TIMEOUT", "180"))
    base = out_dir(rel)
    base.mkdir(parents=True, exist_ok=True)
    if args:
        dest = base / ("args-" + sha("\0".join(args).encode())[:12])
        code, res, timed_out = _execute(rel, env, list(args), dest, timeout)
        stamp = {"returncode": code, "timed_out": timed_out, **res}
        stderr = (dest / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        r = Result(rel, (dest / "stdout.txt").read_text(encoding="utf-8"), [], stamp, True)
        r.stderr = stderr
        return r
    with open(base.parent / (base.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # 两个进程（pytest-xdist、构建）不会同时跑同一个示例
        stamp = load_stamp(rel)
        if mode != "always" and is_fresh(rel, stamp):
            return _result(rel, stamp, ran=False)
        if mode == "never":
            raise ExampleError(f"示例 {rel} 的输出已过期（示例、它导入的模块或环境变了），需要重新运行")
        dest = base / "run"
        code, res, timed_out = _execute(rel, env, [], dest, timeout)
        meta = {}
        if (dest / "run.json").exists():
            meta = json.loads((dest / "run.json").read_text(encoding="utf-8"))
        if code != 0 or not meta:
            failure = _failure(rel, dest, code, timed_out, timeout)
            (base / "stamp.json").unlink(missing_ok=True)
            raise failure
        for name in ("stdout.txt", "stderr.txt"):
            shutil.copy(dest / name, base / name)
        if (base / "figs").exists():
            shutil.rmtree(base / "figs")
        shutil.move(dest / "figs", base / "figs")
        stamp = {
            "returncode": 0, "env": env, "script": file_sha(rel), "runner": RUNNER_SHA,
            "deps": {d: file_sha(d) for d in meta["deps"]}, "env_sha": env_fingerprint(env),
            "used": meta["used"], "figures": meta["figures"],
            "date": datetime.date.today().isoformat(), **res,
        }
        (base / "stamp.json").write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
        return _result(rel, stamp, ran=True)
