"""在 MXNet 环境里运行的测试辅助函数（由 tests/support.py 的 call_mxnet 按名字调用）。

每个 ``<章节>.py`` 模块放该章测试需要的 MXNet 一侧计算；函数只收发 JSON 能表示的值。
"""
import importlib.util
import os
import re

import numpy as np

EXAMPLES = os.environ.get("MMDL_EXAMPLES_DIR") or os.path.join(os.path.dirname(__file__), "..", "..", "examples")
_loaded = {}


def load_example(rel):
    """导入 examples/ 下的一个 MXNet 示例模块（不运行 main()）。"""
    if rel not in _loaded:
        path = os.path.join(EXAMPLES, rel)
        spec = importlib.util.spec_from_file_location("ex_" + re.sub(r"\W", "_", rel[:-3]), path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _loaded[rel] = module
    return _loaded[rel]


def cases(path):
    """主环境写下的 ``.npz``：``n`` 个用例，第 i 个用例的数组存成 ``<i>_<名字>``；返回 [{名字: 数组}, …]。"""
    d = np.load(path)
    return [{k[len(f"{i}_"):]: d[k] for k in d.files if k.startswith(f"{i}_")} for i in range(int(d["n"]))]
