"""运行器的全部开关：一个对象，从环境变量（以及 Sphinx 配置值）读一次。

环境变量                         Sphinx 配置值（-D）   默认
MMDL_RUN       auto|always|never  mmdl_run             auto：过期才跑；always：全部重跑；never：过期即报错
MMDL_TIMEOUT   每个示例的秒数      mmdl_timeout         180
MMDL_THREADS   每个示例的线程数    mmdl_threads         1
MMDL_JOBS      同时运行的示例数    mmdl_jobs            sphinx-build -j N，否则 CPU 核数
MMDL_PRELOAD   1|0 预加载解释器    mmdl_preload         1：在预加载的解释器里 fork 运行示例；0：每次新进程
MMDL_GEN_DIR   生成文件的目录      mmdl_gen_dir         _build（make 的 BUILDDIR）
MMDL_PYTHON / MMDL_MXNET_PYTHON  两个环境的解释器（默认本解释器、.venv-mxnet）
MMDL_EXAMPLES_DIR、MMDL_MATPLOTLIBRC  示例目录与 matplotlib 配置（默认仓库里的；测试用）
"""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).resolve().parents[1] / "child"
MODES = ("auto", "always", "never")


class SettingsError(ValueError):
    """开关的值不合法（消息说明哪个开关、可取什么值）。"""


@dataclass(frozen=True)
class Settings:
    mode: str
    timeout: float
    threads: int
    jobs: int
    gen_dir: Path
    examples: Path
    matplotlibrc: Path
    python: str
    mxnet_python: str
    preload: bool = True

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)


def _number(name: str, raw: str, kind: type, minimum: float) -> float:
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise SettingsError(f"{name}={raw!r} 不合法：应为不小于 {minimum} 的{'整数' if kind is int else '数'}")
    return value


def _switch(name: str, raw: str) -> bool:
    if raw not in ("0", "1"):
        raise SettingsError(f"{name}={raw!r} 不合法：可取 1 | 0")
    return raw == "1"


def _mode(name: str, raw: str) -> str:
    if raw not in MODES:
        raise SettingsError(f"{name}={raw!r} 不合法：可取 {' | '.join(MODES)}")
    return raw


def gen_dir_from_env(environ: dict | None = None) -> Path:
    """生成文件的目录（只看 MMDL_GEN_DIR；conf.py 在读配置时用它，那时其他开关还没有检查）。"""
    e = os.environ if environ is None else environ
    return Path(e.get("MMDL_GEN_DIR") or ROOT / "_build").resolve()


def from_env(environ: dict | None = None) -> Settings:
    """按环境变量建立设置（不读 Sphinx 配置）。"""
    e = os.environ if environ is None else environ
    return Settings(
        mode=_mode("MMDL_RUN", e.get("MMDL_RUN") or "auto"),
        timeout=_number("MMDL_TIMEOUT", e.get("MMDL_TIMEOUT") or "180", float, 1),
        threads=_number("MMDL_THREADS", e.get("MMDL_THREADS") or "1", int, 1),
        jobs=_number("MMDL_JOBS", e.get("MMDL_JOBS") or str(os.cpu_count() or 1), int, 1),
        gen_dir=gen_dir_from_env(e),
        examples=Path(e.get("MMDL_EXAMPLES_DIR") or ROOT / "examples").resolve(),
        matplotlibrc=Path(e.get("MMDL_MATPLOTLIBRC") or ROOT / "matplotlibrc").resolve(),
        python=e.get("MMDL_PYTHON") or sys.executable,
        mxnet_python=e.get("MMDL_MXNET_PYTHON") or str(ROOT / ".venv-mxnet" / "bin" / "python"),
        preload=_switch("MMDL_PRELOAD", e.get("MMDL_PRELOAD") or "1"),
    )


def checked(s: Settings) -> Settings:
    """检查由 Sphinx 配置值（-D）改过的设置。"""
    return s.replace(mode=_mode("mmdl_run", s.mode),
                     timeout=_number("mmdl_timeout", str(s.timeout), float, 1),
                     threads=_number("mmdl_threads", str(s.threads), int, 1),
                     jobs=_number("mmdl_jobs", str(s.jobs), int, 1),
                     preload=s.preload if isinstance(s.preload, bool) else _switch("mmdl_preload", str(s.preload)))


_current: list[Settings] = []


def current() -> Settings:
    """本进程的设置（第一次调用时从环境变量读出）。"""
    if not _current:
        _current.append(from_env())
    return _current[0]


def use(s: Settings) -> Settings:
    """替换本进程的设置（Sphinx 扩展在读完配置后调用一次）。"""
    _current[:] = [checked(s)]
    return _current[0]
