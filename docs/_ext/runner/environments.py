"""两个运行环境：解释器、指纹（解释器与全部包版本）、系统字体指纹，以及子进程环境变量的唯一来源。"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from .catalogue import ExampleError
from .settings import CHILD, Settings

_FP_CODE = ("import sys,json,os\nfrom importlib import metadata as m\n"
            "print(json.dumps({'python': sys.version, 'packages': sorted("
            "f\"{d.metadata['Name']}=={d.version}\" for d in m.distributions()),"
            "'dirs': [p for p in sys.path if os.path.isdir(p)]}))")
# matplotlib 在这些目录里找系统字体（font_manager.X11FontDirectories/OSXFontDirectories/Windows）
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/X11R6/lib/X11/fonts", "~/.fonts",
             "~/.local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",
             "C:/Windows/Fonts", "~/AppData/Local/Microsoft/Windows/Fonts")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".afm")
_cache: dict[str, str] = {}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_version(*paths: Path) -> int:
    """一组源文件的版本号（内容哈希的前 32 位）：Sphinx 扩展的 env_version，代码一改就重读全部页面。"""
    return int(sha(b"".join(Path(p).read_bytes() for p in paths))[:8], 16)


def interpreter(s: Settings, env: str) -> str:
    """环境 env（main 或 mxnet）的解释器路径。"""
    if env == "main":
        return s.python
    if not Path(s.mxnet_python).exists():
        raise ExampleError(f"找不到 MXNet 环境的解释器 {s.mxnet_python}：运行 'make mxnet-env'，"
                           "或用 make MXNET_PYTHON=…（环境变量 MMDL_MXNET_PYTHON）指定")
    return s.mxnet_python


def _dirs_signature(interp: str, dirs: list[str]) -> list:
    """解释器文件与它的 sys.path 目录的修改时间：pip 装、删、升级一个包都会改动所在目录。"""
    sig: list = []
    for p in [os.path.realpath(interp), *dirs]:
        try:
            st = os.stat(p)
            sig.append([p, st.st_mtime_ns, st.st_size])
        except OSError:
            sig.append([p, None, None])
    return sig


def env_fingerprint(s: Settings, env: str) -> str:
    """解释器版本 + 全部包版本的哈希；每个进程每个环境只算一次。

    问解释器要包清单要起一个进程（约 0.25 秒）。结果连同解释器与它 sys.path 目录的修改时间记在
    $MMDL_GEN_DIR/cache/env-fingerprints.json；这些修改时间都没变就直接用记下的指纹（无改动的构建因此更快）。
    """
    interp = interpreter(s, env)
    key = "env:" + interp
    if key in _cache:
        return _cache[key]
    store = s.cache_dir / "env-fingerprints.json"
    try:
        known = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    entry = known.get(interp)
    if isinstance(entry, dict) and entry.get("sig") == _dirs_signature(interp, entry.get("dirs", [])):
        _cache[key] = entry["sha"]
        return entry["sha"]
    out = subprocess.run([interp, "-c", _FP_CODE], capture_output=True, text=True, check=True)
    info = json.loads(out.stdout)
    dirs = info.pop("dirs")
    _cache[key] = sha((json.dumps(info) + "\n").encode())  # 与只问包清单时的输出相同：已有的键不变
    known[interp] = {"sha": _cache[key], "dirs": dirs, "sig": _dirs_signature(interp, dirs)}
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known, indent=1), encoding="utf-8")
        os.replace(tmp, store)  # 并行的进程各写各的临时文件，原子替换
    except OSError:
        pass
    return _cache[key]


def fonts_fingerprint() -> str:
    """系统字体文件（路径与大小）的哈希：装上或删掉一个字体，它就变。每个进程只算一次。"""
    if "fonts" not in _cache:
        found = []
        for d in FONT_DIRS:
            root = Path(d).expanduser()
            if root.is_dir():
                for dirpath, _, files in os.walk(root):
                    for f in files:
                        if f.lower().endswith(FONT_SUFFIXES):
                            p = os.path.join(dirpath, f)
                            try:
                                found.append(f"{p}\t{os.path.getsize(p)}")
                            except OSError:
                                continue
        _cache["fonts"] = sha("\n".join(sorted(found)).encode())
    return _cache["fonts"]


def child_env(s: Settings, env: str, run_dir: Path | None = None, libraries: dict[str, str] | None = None,
              ) -> dict[str, str]:
    """子进程的环境变量：构建、测试与基准都用它。

    run_dir 给出时是一次被捕获的示例运行（matplotlib 后端是 mmdl_capture，图片、工作目录、
    临时文件都在 run_dir 里；libraries 是示例 import 了的库，子进程记下它们的版本）；
    不给时是测试在该环境里起的普通子进程（无界面的 Agg 后端）。
    matplotlib 的字体缓存目录按系统字体指纹分开：装了新字体，子进程自动用新的缓存。
    """
    cache = s.cache_dir
    threads = str(s.threads)
    e = dict(os.environ)
    e.update({
        "MPLBACKEND": "Agg", "MATPLOTLIBRC": str(s.matplotlibrc),
        "MPLCONFIGDIR": str(cache / f"mpl-{env}-{fonts_fingerprint()[:12]}"), "KERAS_HOME": str(cache / "keras"),
        "PYTHONPATH": str(s.examples), "MMDL_EXAMPLES_DIR": str(s.examples),
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2", "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads, "TF_NUM_INTRAOP_THREADS": threads,
        "TF_NUM_INTEROP_THREADS": threads, "MXNET_CPU_WORKER_NTHREADS": threads,
    })
    if run_dir is not None:
        e.update({
            "MPLBACKEND": "module://mmdl_capture", "PYTHONPATH": os.pathsep.join([str(CHILD), str(s.examples)]),
            "TMPDIR": str(run_dir / "work" / "tmp"), "MMDL_WORK_DIR": str(run_dir / "work"),
            "MMDL_FIG_DIR": str(run_dir / "figs"), "MMDL_META": str(run_dir / "run.json"),
            "MMDL_LIBRARIES": json.dumps(libraries or {}),  # 示例 import 了的库（catalogue.libraries_used）
        })
    for d in (cache / "keras", Path(e["MPLCONFIGDIR"])):
        d.mkdir(parents=True, exist_ok=True)
    return e

