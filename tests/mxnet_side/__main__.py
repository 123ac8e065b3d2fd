"""``python tests/mxnet_side/__main__.py 模块.函数 '{"参数": 值}'``：调用函数，把结果作为一行 JSON 打印。"""
import importlib
import json
import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    name, kwargs = sys.argv[1], json.loads(sys.argv[2])
    module, _, func = name.rpartition(".")
    result = getattr(importlib.import_module(f"mxnet_side.{module}"), func)(**kwargs)
    print(json.dumps(result))
