"""结果仓库：一个示例的输出放在 ``<gen>/examples/<示例去掉 .py>/``，自己说明自己（stamp.json）。

两级键（示例导入了哪些本仓库模块，只有运行后才知道）：

1. 清单键 = 键版本 + 示例脚本 + 环境指纹（解释器与全部包版本）+ 捕获引导代码（child/mmdl_capture.py
   与它收到的库名表）
   → 清单：示例导入的本仓库模块列表（``deps``）。
   以及示例是否用了 matplotlib。
2. 结果键 = 清单键 + 每个依赖模块的哈希 + 线程设置（+ 用了 matplotlib 时：matplotlibrc 与系统字体指纹）→ 输出。

stamp.json 记录两个键、全部输入的哈希、清单，以及每个输出文件的 sha256。发布是原子的：
示例在旁边的临时目录里运行，成功后在锁里换上；被中断或失败的运行不会留下可信的戳。
导入别处的结果（CI 分片）时用 ``current_key`` 算本地的键、``verify`` 检查一个结果目录。
"""
from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from .catalogue import LIBRARIES, declared_env
from .environments import env_fingerprint, fonts_fingerprint, sha
from .settings import CHILD, Settings

KEY_VERSION = 2
STAMP = "stamp.json"
CAPTURE_SHA = sha((CHILD / "mmdl_capture.py").read_bytes())  # 捕获引导代码的哈希


def file_sha(s: Settings, rel: str) -> str:
    """examples/ 下一个文件的 sha256；文件不存在时为 "missing"。"""
    p = s.examples / rel
    return sha(p.read_bytes()) if p.is_file() else "missing"


def _digest(obj: object) -> str:
    return sha(json.dumps(obj, sort_keys=True).encode())


def result_dir(s: Settings, rel: str) -> Path:
    return s.results_dir / rel[:-3]


def manifest_inputs(s: Settings, rel: str) -> dict:
    env = declared_env(s, rel)
    return {"version": KEY_VERSION, "script": file_sha(s, rel), "env": env, "env_sha": env_fingerprint(s, env),
            "capture": CAPTURE_SHA, "libraries": _digest(LIBRARIES)}


def manifest_key(s: Settings, rel: str) -> str:
    """第一级键：决定示例会导入哪些模块的一切。"""
    return _digest(manifest_inputs(s, rel))


def result_inputs(s: Settings, mkey: str, deps: dict[str, str], matplotlib: bool) -> dict:
    inputs = {"manifest": mkey, "deps": dict(sorted(deps.items())), "threads": s.threads}
    if matplotlib:
        inputs["matplotlibrc"] = sha(s.matplotlibrc.read_bytes()) if s.matplotlibrc.is_file() else "missing"
        inputs["fonts"] = fonts_fingerprint()
    return inputs


def result_key(s: Settings, mkey: str, deps: dict[str, str], matplotlib: bool) -> str:
    """第二级键：清单键 + 依赖模块的哈希 + 其余会改变输出的设置。"""
    return _digest(result_inputs(s, mkey, deps, matplotlib))


def load_stamp(s: Settings, rel: str, where: Path | None = None) -> dict | None:
    try:
        stamp = json.loads(((where or result_dir(s, rel)) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and stamp.get("key_version") == KEY_VERSION else None


def current_key(s: Settings, rel: str, stamp: dict | None = None) -> str | None:
    """按现在的输入算出示例的结果键；清单（stamp 里的依赖列表）对不上现在的示例时为 None。"""
    stamp = stamp if stamp is not None else load_stamp(s, rel)
    if not stamp or stamp.get("manifest_key") != manifest_key(s, rel):
        return None
    deps = {d: file_sha(s, d) for d in stamp.get("deps", {})}
    return result_key(s, stamp["manifest_key"], deps, bool(stamp.get("matplotlib")))


def is_fresh(s: Settings, rel: str, stamp: dict | None = None) -> bool:
    stamp = stamp if stamp is not None else load_stamp(s, rel)
    return bool(stamp) and stamp.get("key") == current_key(s, rel, stamp)


def verify(s: Settings, rel: str, where: Path | None = None) -> str | None:
    """检查一个结果目录（默认本地的）对现在的输入是否有效：有效返回 None，否则返回原因。"""
    where = where or result_dir(s, rel)
    stamp = load_stamp(s, rel, where)
    if stamp is None:
        return f"{where} 里没有键版本 {KEY_VERSION} 的 {STAMP}"
    if stamp.get("rel") != rel:
        return f"{where} 是 {stamp.get('rel')} 的结果，不是 {rel} 的"
    if stamp.get("key") != current_key(s, rel, stamp):
        return f"{rel} 的输入（示例、导入的模块、环境、matplotlibrc、线程或字体）变了"
    for name, digest in stamp.get("outputs", {}).items():
        p = where / name
        if not p.is_file() or sha(p.read_bytes()) != digest:
            return f"{rel} 的输出文件 {name} 缺失或被改动"
    return None


def make_stamp(s: Settings, rel: str, before: dict, deps: list[str], meta: dict, usage: dict) -> dict:
    """戳：before 是运行前取的 manifest_inputs(rel)（运行中改了示例，戳也不会把旧输出记在新脚本名下）。"""
    mkey = _digest(before)
    dep_shas, mpl = {d: file_sha(s, d) for d in deps}, bool(meta.get("matplotlib"))
    return {
        "key_version": KEY_VERSION, "rel": rel, "key": result_key(s, mkey, dep_shas, mpl), "manifest_key": mkey,
        "inputs": {**before, **result_inputs(s, mkey, dep_shas, mpl)}, "deps": dep_shas, "matplotlib": mpl,
        "returncode": 0, "env": declared_env(s, rel), "used": meta["used"], "figures": meta["figures"],
        "figure_titles": meta.get("figure_titles", []),  # 每张图的标题：页面上的替代文字与图注
        "dark_cpu": meta.get("dark_cpu", 0.0),  # 深色版本的图花的 CPU 秒（make bench 对照构建成本）
        "date": datetime.date.today().isoformat(), **usage,
    }


@contextlib.contextmanager
def lock(s: Settings, rel: str) -> Iterator[None]:
    """同一示例同一时刻只由一个进程运行或发布（构建、pytest-xdist 的各个进程）。"""
    d = result_dir(s, rel)
    d.parent.mkdir(parents=True, exist_ok=True)
    with open(d.parent / (d.name + ".lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def scratch_dir(s: Settings, rel: str) -> Path:
    """发布前运行用的空目录（在结果目录旁边，同一文件系统，能原子地改名）；清掉以前残留的。"""
    d = result_dir(s, rel)
    for old in d.parent.glob(d.name + ".tmp-*"):
        shutil.rmtree(old, ignore_errors=True)
    tmp = d.parent / f"{d.name}.tmp-{os.getpid()}"
    tmp.mkdir(parents=True)
    return tmp


def swap_in(src: Path, dest: Path) -> Path:
    """在锁里调用：把目录 src 原子地换成 dest（同一文件系统上的改名），旧的 dest 删掉。"""
    old = dest.with_name(dest.name + f".tmp-{os.getpid()}-old")  # scratch_dir 清理残留时也认得它
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.rename(dest, old)
    os.rename(src, dest)
    shutil.rmtree(old, ignore_errors=True)
    return dest


def publish(s: Settings, rel: str, run: Path, stamp: dict) -> Path:
    """在锁里调用：记下输出文件的哈希，写 stamp.json，把 run 换成结果目录。"""
    outputs = sorted(p for p in run.rglob("*") if p.is_file())
    stamp["outputs"] = {p.relative_to(run).as_posix(): sha(p.read_bytes()) for p in outputs}
    (run / STAMP).write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
    return swap_in(run, result_dir(s, rel))
