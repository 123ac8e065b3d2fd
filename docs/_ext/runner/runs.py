"""运行示例的两种方式：构建用的缓存运行（失败抛 ExampleError）与带参数的一次性运行（从不抛）。"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import process, store
from .catalogue import ExampleError, declared_env, libraries_used
from .environments import child_env, interpreter
from .settings import CHILD, Settings


@dataclass
class BuildResult:
    """一个示例（不带参数）的有效输出。"""
    rel: str
    stdout: str
    figures: list[Path] = field(default_factory=list)
    stamp: dict = field(default_factory=dict)
    ran: bool = False  # 这次是否真的运行了（False 表示用了有效的缓存）


@dataclass
class ArgsResult:
    """带参数运行一次的结果（不缓存）。"""
    rel: str
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def _execute(s: Settings, rel: str, args: Sequence[str], run_dir: Path) -> process.ProcessResult:
    env = declared_env(s, rel)
    for d in (run_dir / "work" / "tmp", run_dir / "figs"):
        d.mkdir(parents=True, exist_ok=True)
    argv = [str(CHILD / "mmdl_capture.py"), str(s.examples / rel), *args]
    with open(run_dir / "stdout.txt", "wb") as out, open(run_dir / "stderr.txt", "wb") as err:
        return process.start(interpreter(s, env), argv, run_dir / "work",
                             child_env(s, env, run_dir, libraries_used(s, rel)), out, err, s.timeout,
                             preload=s.cache_dir / "preload" if s.preload else None)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def _build_result(s: Settings, rel: str, stamp: dict, ran: bool) -> BuildResult:
    d = store.result_dir(s, rel)
    figs = [d / "figs" / f"fig-{i}.png" for i in range(1, stamp["figures"] + 1)]
    return BuildResult(rel, _read(d / "stdout.txt"), figs, stamp, ran)


def run_cached(s: Settings, rel: str, mode: str | None = None) -> BuildResult:
    """示例的有效输出：输入没变就用已发布的结果，否则运行并原子地发布。

    mode（默认取设置）：auto 过期才跑；always 总是重跑；never 过期即报错。
    失败、超时、越界或过期（never）抛出 ExampleError；Ctrl-C 抛出 process.Interrupted。
    """
    mode = mode or s.mode
    declared_env(s, rel)
    with store.lock(s, rel):
        stamp = store.load_stamp(s, rel)
        if mode != "always" and stamp and store.is_fresh(s, rel, stamp):
            return _build_result(s, rel, stamp, ran=False)
        if mode == "never":
            raise ExampleError(f"示例 {rel} 的输出已过期（示例、它导入的模块、环境、matplotlibrc、线程设置"
                               "或系统字体变了），需要重新运行（MMDL_RUN=never 禁止运行）")
        before = store.manifest_inputs(s, rel)
        run = store.scratch_dir(s, rel)
        try:
            res = _execute(s, rel, [], run)
            meta = json.loads(_read(run / "run.json") or "{}")
            if res.returncode != 0 or not meta:
                raise ExampleError(process.failure_message(rel, _read(run / "stderr.txt"), res, s.timeout))
            shutil.rmtree(run / "work")
            (run / "run.json").unlink()
            usage = {"wall": res.wall, "cpu": res.cpu, "maxrss_mb": res.maxrss_mb, "preloaded": res.preloaded}
            stamp = store.make_stamp(s, rel, before, meta["deps"], meta, usage)
            store.publish(s, rel, run, stamp)
        finally:
            shutil.rmtree(run, ignore_errors=True)
        return _build_result(s, rel, stamp, ran=True)


def run_with_args(s: Settings, rel: str, args: Sequence[str]) -> ArgsResult:
    """带命令行参数运行一次（不缓存、不抛 ExampleError）：返回退出码、stdout、stderr。"""
    args = [str(a) for a in args]
    tag = hashlib.sha256("\0".join(args).encode()).hexdigest()[:12]
    run = s.gen_dir / "runs" / rel[:-3] / f"args-{tag}"
    with store.lock(s, rel + f".args-{tag}"):
        shutil.rmtree(run, ignore_errors=True)
        res = _execute(s, rel, args, run)
        return ArgsResult(rel, args, res.returncode, _read(run / "stdout.txt"), _read(run / "stderr.txt"),
                          res.timed_out)
