"""运行器的全部开关：一个不可变的 ``Settings``，由纯函数 ``resolve`` 一次算出，之后显式传递。

每个开关的说明只写在这里（字段的 metadata：环境变量名、Sphinx 配置值名、解析函数、默认值、一句说明）；
贡献指南里的开关表由 ``table()`` 生成。优先级：``-D mmdl_x=…`` > 环境变量 ``MMDL_X`` > 默认值
（jobs 的默认值是 ``sphinx-build -j N`` 的 N，否则 CPU 核数；默认值可以取前面已算出的开关，
如 cache_dir 默认在 gen_dir 里）。构建时设置放在 Sphinx 应用上
（``app.mmdl_settings``），命令行工具与测试各自调用 ``resolve()``；没有模块级的“当前设置”。
"""
from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).resolve().parents[1] / "child"
MODES = ("auto", "always", "never")


class SettingsError(ValueError):
    """开关的值不合法（消息说明哪个开关、可取什么值）。"""


def _mode(raw: str) -> str:
    if raw not in MODES:
        raise ValueError(f"可取 {' | '.join(MODES)}")
    return raw


def _number(kind: type, minimum: float) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        try:
            value = kind(raw)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise ValueError(f"应为不小于 {minimum} 的{'整数' if kind is int else '数'}")
        return value
    return parse


def _switch(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError("可取 1 | 0")
    return raw == "1"


def _path(raw: str) -> Path:
    return Path(raw).expanduser().resolve()


def _text(raw: str) -> str:
    return raw


def _opt(env: str, conf: str | None, parse: Callable, default: Callable[[dict], str], doc: str) -> dataclasses.Field:
    """一个开关：环境变量 env、Sphinx 配置值 conf（None：不能用 -D 设）、解析函数、默认值（原始文本）、说明。"""
    return field(metadata={"env": env, "conf": conf, "parse": parse, "default": default, "doc": doc})


@dataclass(frozen=True)
class Settings:
    mode: str = _opt("MMDL_RUN", "mmdl_run", _mode, lambda c: "auto",
                     "auto：过期才运行；always：全部重跑；never：过期即报错")
    timeout: float = _opt("MMDL_TIMEOUT", "mmdl_timeout", _number(float, 1), lambda c: "180",
                          "每个示例最多运行的秒数")
    threads: int = _opt("MMDL_THREADS", "mmdl_threads", _number(int, 1), lambda c: "1",
                        "每个示例进程的线程数（BLAS、TensorFlow、MXNet）")
    jobs: int = _opt("MMDL_JOBS", "mmdl_jobs", _number(int, 1),
                     lambda c: str(c.get("parallel") if (c.get("parallel") or 0) > 1 else os.cpu_count() or 1),
                     "同时运行的示例数（默认 sphinx-build -j N 的 N，否则 CPU 核数）")
    preload: bool = _opt("MMDL_PRELOAD", "mmdl_preload", _switch, lambda c: "1",
                         "1：在预加载了框架的解释器里 fork 运行示例；0：每次新进程")
    gen_dir: Path = _opt("MMDL_GEN_DIR", "mmdl_gen_dir", _path, lambda c: str(ROOT / "_build"),
                         "生成文件的目录（make 的 BUILDDIR）：网站、示例结果、缓存、下载、成书")
    cache_dir: Path = _opt("MMDL_CACHE_DIR", None, _path, lambda c: str(c["gen_dir"] / "cache"),
                           "本机的工具缓存（matplotlib 字体表、环境指纹、Keras、jieba 词典、MathJax 副本、"
                           "预加载的临时文件），与项目无关，可由几个构建共用；示例结果与戳总在 gen_dir 里"
                           "（默认 $MMDL_GEN_DIR/cache）")
    examples: Path = _opt("MMDL_EXAMPLES_DIR", None, _path, lambda c: str(ROOT / "examples"),
                          "示例目录（测试用它指向小项目）")
    matplotlibrc: Path = _opt("MMDL_MATPLOTLIBRC", None, _path, lambda c: str(ROOT / "matplotlibrc"),
                              "示例使用的 matplotlib 配置")
    python: str = _opt("MMDL_PYTHON", None, _text, lambda c: sys.executable, "主环境的解释器")
    mxnet_python: str = _opt("MMDL_MXNET_PYTHON", None, _text,
                             lambda c: str(ROOT / ".venv-mxnet" / "bin" / "python"), "MXNet 环境的解释器")

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)

    # ---- 由 gen_dir 派生的路径：conf.py、命令行工具、测试都用这些，不各自拼 ----
    @property
    def site_dir(self) -> Path:
        return self.gen_dir / "html"

    @property
    def downloads_dir(self) -> Path:
        return self.gen_dir / "downloads"

    @property
    def editions_dir(self) -> Path:
        return self.gen_dir / "editions"

    @property
    def results_dir(self) -> Path:
        return self.gen_dir / "examples"


OPTIONS = {f.name: f.metadata for f in dataclasses.fields(Settings)}
CONF_NAMES = {m["conf"]: name for name, m in OPTIONS.items() if m["conf"]}


def resolve(environ: Mapping[str, str] | None = None, overrides: Mapping[str, object] | None = None,
            parallel: int = 0) -> Settings:
    """纯函数：(环境变量, Sphinx -D 覆盖的配置值, sphinx-build -j) → Settings；值不合法时抛出 SettingsError。

    overrides 的键是配置值名（``mmdl_run``）；值为 None 或空串的不算覆盖。
    """
    environ = os.environ if environ is None else environ
    overrides = overrides or {}
    values = {}
    for name, m in OPTIONS.items():
        given = overrides.get(m["conf"]) if m["conf"] else None
        source, raw = (f"-D {m['conf']}", given) if given not in (None, "") else (m["env"], environ.get(m["env"]))
        if raw in (None, ""):
            source, raw = "默认值", m["default"]({"parallel": parallel, **values})  # 默认值可取前面的开关
        try:
            values[name] = m["parse"](str(raw))
        except ValueError as exc:
            raise SettingsError(f"{source}={raw!r} 不合法：{exc}") from None
    return Settings(**values)


def table() -> list[tuple[str, str, str]]:
    """(环境变量, -D 配置值, 说明) 的表，贡献指南的开关表由它生成。"""
    return [(m["env"], m["conf"] or "—", m["doc"]) for m in OPTIONS.values()]
