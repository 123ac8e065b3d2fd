"""一个示例的源码读出的全部事实：只在这里解析一次（按文件内容的哈希缓存）。

预加载（顶层 import）、结果键与捕获（任何深度的 import）、下载（mmdl 工具函数、文档字符串）、页面
（隐藏构建标记后的行）、测试与约定检查都读 ``parse()`` 的结果，不各自用正则或 ast 再解析一遍。
"""
from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER = re.compile(r"#\s*env:\s*(\S+)\s*$")
# 构建标记：写给运行器与测试的注释（例如 ``# timing-output: …``：示例打印实测耗时）。页面上的代码与下载里不显示。
MARKER = re.compile(r"#\s*(timing-output)\b")
MMDL = "mmdl"


@dataclass(frozen=True)
class Source:
    path: Path
    sha: str
    text: str
    env: str | None                    # 第一行 ``# env: …`` 的值（是否合法由 catalogue.declared_env 判断）
    docstring: str                     # 模块文档字符串（没有时为空串）
    top_imports: frozenset[str]        # 模块顶层语句 import 的顶层包名（``import a, b`` 两个都算）
    all_imports: frozenset[str]        # 任何深度（函数里的也算）的绝对 import 的顶层包名
    pyplot_top: bool                   # 顶层 import 了 matplotlib.pyplot
    markers: frozenset[str] = field(default_factory=frozenset)   # 出现的构建标记（如 "timing-output"）
    marker_lines: tuple[int, ...] = ()  # 构建标记所在的行（从 1 数起）
    mmdl: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 顶层 from mmdl.模块 import 名字…

    @property
    def timing(self) -> bool:
        """示例打印实测耗时（``# timing-output``）：比较输出时数字不算。"""
        return "timing-output" in self.markers

    def shown_lines(self) -> list[str]:
        """页面与下载里显示的行：去掉构建标记那几行。"""
        hidden = set(self.marker_lines)
        return [line for i, line in enumerate(self.text.splitlines(), 1) if i not in hidden]


def _names(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Import):
        return {a.name.split(".")[0] for a in node.names}
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return {node.module.split(".")[0]}
    return set()


def imported_packages(text: str) -> list[str]:
    """一段代码里（任何深度）绝对 import 的顶层包名，按出现的顺序、不重复（下载文件的 pip install 一行用它）。"""
    found: list[str] = []
    for node in ast.walk(ast.parse(text)):
        for name in sorted(_names(node)):
            if name not in found:
                found.append(name)
    return found


def _imports_pyplot(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == "matplotlib.pyplot" or a.name.startswith("matplotlib.pyplot.") for a in node.names)
    if isinstance(node, ast.ImportFrom) and not node.level:
        return (node.module or "").startswith("matplotlib.pyplot") or (
            node.module == "matplotlib" and any(a.name == "pyplot" for a in node.names))
    return False


_cache: dict[tuple[str, str], Source] = {}


def parse(path: Path) -> Source:
    """解析 path（按内容哈希缓存：文件改了就重新解析）。语法错误照常抛出 SyntaxError。"""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    key = (str(path), digest)
    if key in _cache:
        return _cache[key]
    text = data.decode("utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    head = HEADER.match(lines[0]) if lines else None
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    mmdl: dict[str, list[str]] = {}
    for node in top:
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == MMDL and not node.level:
            mmdl.setdefault(node.module.partition(".")[2], []).extend(a.name for a in node.names)
    marker_lines = tuple(i for i, line in enumerate(lines, 1) if line.startswith("#") and MARKER.match(line))
    src = Source(
        path=Path(path), sha=digest, text=text, env=head.group(1) if head else None,
        docstring=ast.get_docstring(tree) or "",
        top_imports=frozenset().union(*(_names(n) for n in top)),
        all_imports=frozenset().union(*(_names(n) for n in ast.walk(tree))),
        pyplot_top=any(_imports_pyplot(n) for n in top),
        markers=frozenset(MARKER.match(lines[i - 1]).group(1) for i in marker_lines),
        marker_lines=marker_lines, mmdl={k: tuple(v) for k, v in mmdl.items()})
    _cache[key] = src
    return src
