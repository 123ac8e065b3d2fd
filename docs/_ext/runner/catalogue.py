"""示例目录：找出全部示例，读出每个示例第一行声明的环境；本仓库唯一的库名表。"""
from __future__ import annotations

from . import source
from .settings import Settings

ENVS = ("main", "mxnet")
ENV_LABELS = {"main": "主环境", "mxnet": "MXNet 环境"}
# 唯一的库名表：示例直接导入的模块 → (发行包名, 页面上的名字)。子进程（child/mmdl_capture.py）经
# 环境变量 MMDL_LIBRARIES 得到其中示例导入了的那些，记下示例用到的版本（发行包名找不到时再试“名字-cpu”）；
# 下载文件的 pip install 一行也按它把导入名换成发行包名。
LIBRARIES = {"numpy": ("numpy", "NumPy"), "scipy": ("scipy", "SciPy"), "matplotlib": ("matplotlib", "matplotlib"),
             "pandas": ("pandas", "pandas"), "sklearn": ("scikit-learn", "scikit-learn"),
             "tensorflow": ("tensorflow", "TensorFlow"), "keras": ("keras", "Keras"), "mxnet": ("mxnet", "MXNet")}
# 页面“运行验证”一行里的库名，按此顺序排列；键是发行包名
LIB_NAMES = {"python": "Python", **{dist: shown for dist, shown in LIBRARIES.values()}}
HEADER = source.HEADER


class ExampleError(Exception):
    """示例失败、超时、越界写文件、输出过期或声明有误；消息里总带着示例名。"""


def all_examples(s: Settings) -> list[str]:
    """examples/ 下所有示例（相对路径），不含共用包 mmdl 与以 _ 开头的文件。"""
    out = []
    for p in sorted(s.examples.rglob("*.py")):
        rel = p.relative_to(s.examples)
        if rel.parts[0] == "mmdl" or any(part.startswith("_") for part in rel.parts):
            continue
        out.append(rel.as_posix())
    return out


def parsed(s: Settings, rel: str) -> source.Source:
    """示例的源码事实（runner/source.py，按内容缓存）；文件不存在或有语法错误时抛出 ExampleError。"""
    path = s.examples / rel
    if not path.is_file():
        raise ExampleError(f"示例 {rel} 不存在（{path}）")
    try:
        return source.parse(path)
    except (SyntaxError, UnicodeDecodeError) as exc:
        raise ExampleError(f"示例 {rel} 无法解析：{exc}") from None


def declared_env(s: Settings, rel: str) -> str:
    """示例第一行 ``# env: main|mxnet`` 声明的环境；没有或不认识时抛出 ExampleError。"""
    env = parsed(s, rel).env
    if env not in ENVS:
        raise ExampleError(f"示例 {rel} 的第一行必须声明运行环境：'# env: main' 或 '# env: mxnet'")
    return env


def libraries_used(s: Settings, rel: str) -> dict[str, str]:
    """示例（任何深度）import 了的库：{导入名: 发行包名}。"""
    imported = parsed(s, rel).all_imports
    return {mod: dist for mod, (dist, _) in LIBRARIES.items() if mod in imported}


def examples_in(s: Settings, env: str) -> list[str]:
    """声明了 env 的全部示例；一个也没有时抛出 ExampleError（不让调用者静悄悄地什么都不测）。"""
    rels = [r for r in all_examples(s) if declared_env(s, r) == env]
    if not rels:
        raise ExampleError(f"{s.examples} 里没有声明 '# env: {env}' 的示例")
    return rels
