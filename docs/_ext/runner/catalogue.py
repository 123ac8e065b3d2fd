"""示例目录：找出全部示例，读出每个示例第一行声明的环境。"""
from __future__ import annotations

import re

from .settings import current

ENVS = ("main", "mxnet")
ENV_LABELS = {"main": "主环境", "mxnet": "MXNet 环境"}
# 唯一的库名表：示例直接导入的模块 → (发行包名, 页面上的名字)。子进程（child/mmdl_capture.py）经
# 环境变量 MMDL_LIBRARIES 得到它，记下示例用到的版本（发行包名找不到时再试“名字-cpu”）。
LIBRARIES = {"numpy": ("numpy", "NumPy"), "scipy": ("scipy", "SciPy"), "matplotlib": ("matplotlib", "matplotlib"),
             "pandas": ("pandas", "pandas"), "sklearn": ("scikit-learn", "scikit-learn"),
             "tensorflow": ("tensorflow", "TensorFlow"), "keras": ("keras", "Keras"), "mxnet": ("mxnet", "MXNet")}
# 页面“运行验证”一行里的库名，按此顺序排列；键是发行包名
LIB_NAMES = {"python": "Python", **{dist: shown for dist, shown in LIBRARIES.values()}}
HEADER = re.compile(r"#\s*env:\s*(\S+)\s*$")


class ExampleError(Exception):
    """示例失败、超时、越界写文件、输出过期或声明有误；消息里总带着示例名。"""


def all_examples() -> list[str]:
    """examples/ 下所有示例（相对路径），不含共用包 mmdl 与以 _ 开头的文件。"""
    root = current().examples
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root)
        if rel.parts[0] == "mmdl" or any(part.startswith("_") for part in rel.parts):
            continue
        out.append(rel.as_posix())
    return out


def declared_env(rel: str) -> str:
    """示例第一行 ``# env: main|mxnet`` 声明的环境；没有或不认识时抛出 ExampleError。"""
    path = current().examples / rel
    if not path.is_file():
        raise ExampleError(f"示例 {rel} 不存在（{path}）")
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = HEADER.match(first)
    if not m or m.group(1) not in ENVS:
        raise ExampleError(f"示例 {rel} 的第一行必须声明运行环境：'# env: main' 或 '# env: mxnet'")
    return m.group(1)


def examples_in(env: str) -> list[str]:
    """声明了 env 的全部示例；一个也没有时抛出 ExampleError（不让调用者静悄悄地什么都不测）。"""
    rels = [r for r in all_examples() if declared_env(r) == env]
    if not rels:
        raise ExampleError(f"{current().examples} 里没有声明 '# env: {env}' 的示例")
    return rels
