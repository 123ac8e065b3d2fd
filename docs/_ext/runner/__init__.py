"""示例运行器：构建（docs/_ext/examples_ext.py）、测试（tests/support.py）与基准共用的唯一实现。

一个示例 = ``examples/`` 下的一个 ``.py`` 文件，第一行声明运行环境（``# env: main`` 或 ``# env: mxnet``）。
``run_cached(rel)`` 在该环境的解释器里、以子进程无界面地运行示例，把标准输出、图片和戳（stamp.json）
发布到 ``<gen>/examples/<rel 去掉 .py>/``；``run_with_args(rel, args)`` 带参数运行一次、不缓存。

模块：settings（开关：一个 Settings，由 resolve() 算出，显式传给每个函数）、source（示例源码的一次解析）、
requirements（requirements 文件的唯一读取者）、catalogue（示例与环境声明、库名表）、environments（解释器、指纹、子进程环境变量）、
process（进程组、超时、中断）、preload（预加载解释器的客户端）、store（两级键、校验、原子发布）、runs（两种运行）。不导入 Sphinx。
"""
from . import preload, process
from .catalogue import ENV_LABELS, ENVS, LIB_NAMES, LIBRARIES, ExampleError, all_examples, declared_env, examples_in, libraries_used, parsed
from .environments import child_env, code_version, env_fingerprint, fonts_fingerprint, interpreter, sha
from .process import Interrupted, ProcessResult
from .runs import ArgsResult, BuildResult, run_cached, run_with_args
from .settings import ROOT, Settings, SettingsError, resolve
from .store import CAPTURE_SHA, current_key, file_sha, is_fresh, load_stamp, result_dir, verify

__all__ = [
    "ENV_LABELS", "ENVS", "LIB_NAMES", "LIBRARIES", "ExampleError", "all_examples", "declared_env", "examples_in",
    "libraries_used", "parsed",
    "child_env", "code_version", "env_fingerprint", "fonts_fingerprint", "interpreter", "sha", "Interrupted", "ProcessResult",
    "ArgsResult", "BuildResult", "run_cached", "run_with_args", "ROOT", "Settings", "SettingsError", "resolve",
    "CAPTURE_SHA", "current_key", "file_sha", "is_fresh", "load_stamp", "result_dir", "verify",
]

process.set_preloader(preload.run)  # 是否真的预加载由设置 preload（MMDL_PRELOAD）决定：process.start 的 preload 参数
