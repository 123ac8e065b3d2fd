"""测试用的小工具：都建立在唯一的运行器 docs/_ext/runner.py 之上。"""
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
sys.path.insert(0, str(ROOT / "examples"))

import runner  # noqa: E402

EXAMPLES = runner.EXAMPLES


def run_example(rel, *args):
    """在示例声明的环境中运行它，返回标准输出。

    不带参数时与构建共享缓存（示例、它导入的 mmdl 模块、环境里的包都没变就不重跑）；
    带参数时总是重新运行，非零退出码会让测试失败并带上 stderr。
    """
    if not args:
        return runner.run(rel).stdout
    r = runner.run(rel, [str(a) for a in args])
    assert r.stamp["returncode"] == 0, f"{rel} {args} 退出码 {r.stamp['returncode']}:\n{r.stderr[-3000:]}"
    return r.stdout


def run_example_raw(rel, *args):
    """带参数运行，不检查退出码；返回 runner.Result（.stdout、.stderr、.stamp['returncode']）。"""
    return runner.run(rel, [str(a) for a in args])


def metric(stdout, label):
    """读出输出中 ``label: 数值`` 那一行的数值（取第一处）。"""
    m = re.search(re.escape(label) + r"\s*[:：=]\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)", stdout)
    assert m, f"输出里没有 {label!r}：\n{stdout}"
    return float(m.group(1))


_loaded = {}


def load_example(rel):
    """在主环境中导入示例模块（不会运行 main()），用于比较其中的函数。"""
    if rel not in _loaded:
        path = EXAMPLES / rel
        name = "example_" + re.sub(r"\W", "_", rel[:-3])
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(path.parent))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(path.parent))
        _loaded[rel] = module
    return _loaded[rel]


def in_mxnet(code, timeout=300):
    """在 MXNet 环境里执行一段代码（examples/ 在 sys.path 上），返回最后一行打印的 JSON。

    代码里可用 ``load_example(rel)`` 导入 MXNet 示例模块。
    """
    prelude = (
        "import importlib.util, json, sys\n"
        f"sys.path.insert(0, {str(EXAMPLES)!r})\n"
        "def load_example(rel):\n"
        f"    p = {str(EXAMPLES)!r} + '/' + rel\n"
        "    spec = importlib.util.spec_from_file_location('ex_' + rel.replace('/', '_')[:-3], p)\n"
        "    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m\n"
    )
    env = dict(os.environ, PYTHONPATH=str(EXAMPLES), MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1",
               OMP_NUM_THREADS="1", MXNET_CPU_WORKER_NTHREADS="1")
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([runner.interpreter("mxnet"), "-c", prelude + code], capture_output=True,
                              text=True, timeout=timeout, env=env, cwd=tmp)
    assert proc.returncode == 0, f"MXNet 环境中的代码失败：\n{proc.stderr[-3000:]}"
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.strip()]
    assert lines, "MXNet 环境中的代码没有打印任何东西"
    return json.loads(lines[-1])
