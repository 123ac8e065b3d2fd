"""两个环境的 requirements 文件：唯一的读取者（packaging 解析每一条钉死的版本与环境标记）。

每个文件里有一行 ``# python: >=3.10,<3.12``：该环境支持的 Python 版本，只写在那里。Makefile 建环境之前
用 ``pyrange.py``（只用标准库，任何版本的解释器都能运行）按同一行检查解释器；页面与 README 里写的版本范围
由测试对照 ``python_range()``。
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from .settings import ROOT

FILES = {"main": "requirements.txt", "mxnet": "requirements-mxnet.txt"}
PYTHON_LINE = "# python:"


def path(env: str) -> Path:
    return ROOT / FILES[env]


def requirements(env: str) -> list[Requirement]:
    """文件里的每一条要求（注释与空行除外），含只适用于某些平台的（带环境标记的）。"""
    out = []
    for line in path(env).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(Requirement(line))
    return out


def pinned_version(req: Requirement) -> str:
    """钉死的版本（``==x.y.z``）；不是钉死的要求抛出 ValueError。"""
    specs = list(req.specifier)
    if len(specs) != 1 or specs[0].operator != "==":
        raise ValueError(f"{req} 不是钉死的版本（应写成 包名==版本）")
    return specs[0].version


def pins(env: str, marker_env: Mapping[str, str] | None = None, everywhere: bool = False) -> dict[str, str]:
    """{包名(小写): 钉死的版本}：适用于本机（或 marker_env 描述的平台）的行；everywhere=True 时不看标记。"""
    out = {}
    for req in requirements(env):
        if everywhere or req.marker is None or req.marker.evaluate(dict(marker_env) if marker_env else None):
            out.setdefault(req.name.lower(), pinned_version(req))
    return out


def python_range(env: str) -> SpecifierSet:
    """该环境支持的 Python 版本（文件里 ``# python:`` 一行）。"""
    for line in path(env).read_text(encoding="utf-8").splitlines():
        if line.startswith(PYTHON_LINE):
            return SpecifierSet(line[len(PYTHON_LINE):].strip())
    raise ValueError(f"{FILES[env]} 里没有 '{PYTHON_LINE} …' 一行")


def python_range_text(env: str) -> str:
    """“3.10–3.11”：页面与 README 里的写法（范围由 >=3.a,<3.b 给出）。"""
    spec = {s.operator: s.version for s in python_range(env)}
    low, high = spec[">="], spec["<"]
    major, minor = (int(x) for x in high.split(".")[:2])
    return f"{low}–{major}.{minor - 1}"
