"""测试的开关：每个开关一个 pytest 选项，环境变量作后备；全部只在这里读（conftest.py 注册与解析）。

    pytest --strict-skips         任何跳过都算失败（环境变量 MMDL_STRICT=1；CI=true 时也是）
    pytest --memo=off             不跳过证明没变的检查（MMDL_MEMO；默认 on，--strict-skips 时总是 off；见 tests/memo.py）
    pytest --chromium=PATH        浏览器测试用的 Chromium（MMDL_CHROMIUM；默认 /usr/bin/chromium 或 PATH 上的）
    pytest --site=DIR             被测的网站（MMDL_HTML_DIR；默认运行器设置的 site_dir，即 $BUILDDIR/html）
    pytest --screenshots=DIR      把浏览器测试的整页截图写到 DIR（MMDL_SCREENSHOT_DIR；默认不截图，CI 截图作为构件）

贡献指南里测试开关的表由 ``table()`` 生成。
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path


def _opt(flag: str, env: str, doc: str, choices: tuple[str, ...] | None = None, boolean: bool = False):
    return field(default=None, metadata={"flag": flag, "env": env, "doc": doc, "choices": choices, "boolean": boolean})


@dataclass(frozen=True)
class Switches:
    strict: bool = _opt("--strict-skips", "MMDL_STRICT", "任何跳过都算失败（CI 设置；CI=true 同样）", boolean=True)
    memo: str = _opt("--memo", "MMDL_MEMO", "off：连代码与输入都和上次通过时相同的检查也运行（默认 on；--strict-skips 时总是 off）",
                     choices=("on", "off"))
    chromium: str = _opt("--chromium", "MMDL_CHROMIUM", "浏览器测试用的 Chromium 可执行文件")
    site: str = _opt("--site", "MMDL_HTML_DIR", "被测的网站目录（默认 $BUILDDIR/html）")
    screenshots: str = _opt("--screenshots", "MMDL_SCREENSHOT_DIR", "把浏览器测试的整页截图写到这个目录（默认不截图）")

    @property
    def site_dir(self) -> Path:
        from support import SETTINGS

        return Path(self.site or SETTINGS.site_dir).resolve()


FIELDS = dataclasses.fields(Switches)


def add_options(parser) -> None:
    group = parser.getgroup("mmdl", "mmdeeplearning 的测试开关")
    for f in FIELDS:
        m = f.metadata
        if m["boolean"]:
            group.addoption(m["flag"], action="store_true", default=None, help=f"{m['doc']}（环境变量 {m['env']}=1）")
        else:
            group.addoption(m["flag"], choices=m["choices"], default=None, help=f"{m['doc']}（环境变量 {m['env']}）")


def resolve(options: dict | None = None, environ: dict | None = None) -> Switches:
    """选项 > 环境变量 > 默认；不认识的值给出一行说明（pytest.UsageError）。"""
    import pytest

    options, environ = options or {}, os.environ if environ is None else environ
    values = {}
    for f in FIELDS:
        m = f.metadata
        value = options.get(f.name)
        if value is None:
            raw = environ.get(m["env"], "")
            if m["boolean"]:
                value = raw == "1" or (f.name == "strict" and environ.get("CI", "").lower() in ("1", "true", "yes"))
            elif raw:
                if m["choices"] and raw not in m["choices"]:
                    raise pytest.UsageError(f"{m['env']}={raw!r} 不合法：可取 {' | '.join(m['choices'])}")
                value = raw
            else:
                value = m["choices"][0] if m["choices"] else None
        values[f.name] = value
    return Switches(**values)


_configured: list[Switches] = []


def configure(config) -> None:
    """conftest.py 的 pytest_configure 调用：按命令行与环境变量定下本次测试的开关。"""
    _configured[:] = [resolve({f.name: config.getoption(f.metadata["flag"]) for f in FIELDS})]


def get() -> Switches:
    """本次测试的开关（在 pytest 之外导入测试模块时只看环境变量）。"""
    return _configured[0] if _configured else resolve()


def table() -> list[tuple[str, str, str]]:
    return [(f.metadata["flag"], f.metadata["env"], f.metadata["doc"]) for f in FIELDS]
