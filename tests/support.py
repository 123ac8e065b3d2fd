"""测试用的小工具：都建立在唯一的运行器 docs/_ext/runner/ 之上（pyproject.toml 把它放上 sys.path）。"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import runner
from runner import process

ROOT = runner.ROOT
# 测试进程的运行器设置：从环境变量（make 导出的 MMDL_GEN_DIR 等）算一次；要别的设置的测试用 .replace(...) 另建
SETTINGS = runner.resolve()
EXAMPLES = SETTINGS.examples
MXNET_SIDE = Path(__file__).resolve().parent / "mxnet_side"


def timing_output(rel):
    """示例声明了 ``# timing-output``（runner/source.py 读出的构建标记）：它打印实测耗时，每次运行的数字不同。"""
    return runner.parsed(SETTINGS, rel).timing


def comparable(rel, stdout):
    """比较两次运行的输出时用的形式：打印耗时的示例把数字换成占位符，其余照原样比。"""
    return re.sub(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?", "#", stdout) if timing_output(rel) else stdout


def run_example(rel, *args):
    """在示例声明的环境中运行它，返回标准输出。

    不带参数时与构建共享缓存（输入都没变就不重跑）；带参数时总是重新运行，
    非零退出码会让测试失败并带上 stderr。
    """
    if not args:
        return runner.run_cached(SETTINGS, rel).stdout
    r = runner.run_with_args(SETTINGS, rel, args)
    assert r.returncode == 0, f"{rel} {args} 退出码 {r.returncode}:\n{r.stderr[-3000:]}"
    return r.stdout


def run_example_raw(rel, *args):
    """带参数运行，不检查退出码；返回 runner.ArgsResult（.returncode、.stdout、.stderr）。"""
    return runner.run_with_args(SETTINGS, rel, args)


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


def in_env(env, argv, timeout=900):
    """在环境 env 的解释器里运行 ``python argv…``（子进程环境与示例运行相同，但用 Agg 后端），返回 stdout。

    与示例一样经 process.start：argv[0] 是 .py 文件时，它顶层导入的框架由预加载的解释器付过了。
    """
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "stdout.txt", Path(tmp) / "stderr.txt"
        with open(out, "wb") as o, open(err, "wb") as e:
            res = process.start(runner.interpreter(SETTINGS, env), [str(a) for a in argv], Path(tmp),
                                runner.child_env(SETTINGS, env), o, e, timeout, preload=preload_dir(SETTINGS))
        stdout, stderr = (p.read_text(encoding="utf-8", errors="replace") for p in (out, err))
    assert res.returncode == 0 and not res.timed_out, f"{env} 环境中的 {argv[:2]} 失败：\n{stderr[-3000:]}"
    return stdout


def preload_dir(s):
    """process.start 的 preload 参数：预加载解释器的临时目录（与构建相同），关掉预加载时为 None。"""
    return s.cache_dir / "preload" if s.preload else None


def live_processes(sessions=(), needle=None, pids=()):
    """存活（不算僵尸）的进程号：会话号或进程组号属于 sessions、进程号属于 pids，或命令行、环境变量里含
    needle 的（psutil）。

    是否有进程残留按会话号 / 进程组号与标记查，不按名字；测试进程自己不算。
    """
    import psutil

    found = []
    for p in psutil.process_iter():
        try:
            if p.pid == os.getpid() or p.status() == psutil.STATUS_ZOMBIE:
                continue
            mine = p.pid in pids or os.getsid(p.pid) in sessions or os.getpgid(p.pid) in sessions
            if not mine and needle:
                mine = needle in " ".join(p.cmdline()) or any(needle in f"{k}={v}" for k, v in p.environ().items())
        except (psutil.Error, OSError):
            continue
        if mine:
            found.append(p.pid)
    return found


def last_json(stdout, what):
    lines = [ln for ln in stdout.strip().splitlines() if ln.strip()]
    assert lines, f"{what} 没有打印任何东西"
    return json.loads(lines[-1])


def call_mxnet(name, timeout=300, **kwargs):
    """在 MXNet 环境里调用 tests/mxnet_side/ 里的函数，例如 ``call_mxnet("optimizers.trajectories", steps=5)``。

    参数与返回值都经 JSON 传递；函数可以用 ``mxnet_side.load_example(rel)`` 导入 MXNet 示例模块。
    """
    module, _, func = name.rpartition(".")
    assert module and (MXNET_SIDE / f"{module}.py").is_file(), f"tests/mxnet_side/ 里没有 {name!r} 所在的模块"
    code = (f"import importlib\nresult = getattr(importlib.import_module('mxnet_side.{module}'), {func!r})"
            f"(**json.loads({json.dumps(kwargs)!r}))\nprint(json.dumps(result))\n")
    return in_mxnet(code, timeout=timeout, what=f"MXNet 环境中的 {name}")


def in_mxnet(code, timeout=300, what="MXNet 环境中的代码"):
    """在 MXNet 环境里执行一段代码（examples/ 在 sys.path 上），返回最后一行打印的 JSON。

    新的测试请把 MXNet 一侧的代码写成 tests/mxnet_side/ 里的函数，用 call_mxnet 调用。
    代码里可用 ``load_example(rel)`` 导入 MXNet 示例模块。
    """
    prelude = f"import json, sys\nsys.path.insert(0, {str(MXNET_SIDE.parent)!r})\nfrom mxnet_side import load_example\n"
    with tempfile.TemporaryDirectory() as tmp:  # 写成脚本：在预加载了 MXNet 的解释器里运行
        script = Path(tmp) / "snippet.py"
        script.write_text("import mxnet  # noqa: F401\n" + prelude + code, encoding="utf-8")
        out = in_env("mxnet", [script], timeout=timeout)
    return last_json(out, what)


# ---------- 临时的小项目：检验构建的行为（tests/pipeline/test_pipeline.py、test_freshness.py、test_interrupt.py） ----------

GOOD = '''# env: main
"""好示例：打印一个数。"""
import argparse


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    print("值: 42")


if __name__ == "__main__":
    main()
'''


def make_project(tmp_path, examples, unlisted=()):
    """examples: {文件名: 源码}，全部放在 examples/demo/ch/ 下；除了 _ 开头的与 unlisted 里的，都由 docs/demo/ch.rst 引用。"""
    ex = tmp_path / "examples" / "demo" / "ch"
    ex.mkdir(parents=True)
    # 示例共用的 mmdl 包（画图样式、中文字体）：运行器与下载文件都用它
    shutil.copytree(ROOT / "examples" / "mmdl", tmp_path / "examples" / "mmdl",
                    ignore=shutil.ignore_patterns("__pycache__"))
    docs = tmp_path / "docs" / "demo"
    docs.mkdir(parents=True)
    lines = ["测试章节", "========", ""]
    for name, src in examples.items():
        (ex / name).write_text(textwrap.dedent(src), encoding="utf-8")
        if not name.startswith("_") and name not in unlisted:
            lines += [f".. example:: demo/ch/{name}", ""]
    (docs / "ch.rst").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "docs" / "index.rst").write_text("首页\n====\n\n.. toctree::\n\n   demo/ch\n", encoding="utf-8")
    return tmp_path


# 本次测试会话里每个临时项目的构建共用的本机缓存（runner 的 cache_dir 开关，MMDL_CACHE_DIR）：matplotlib 字体表、
# 环境指纹、Keras、jieba 词典、MathJax 副本都只算一次（make html 之后已经是热的）；示例结果与戳仍在各项目的 _build 里。
# 要检验默认位置（缓存在生成目录里）的测试传 MMDL_CACHE_DIR=""。
SHARED_CACHE = SETTINGS.cache_dir


def build_command(project, *options):
    return [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-c", str(ROOT), *options,
            str(project / "docs"), str(project / "_build" / "html")]


def project_env(project, **env):
    return {**os.environ, "MMDL_EXAMPLES_DIR": str(project / "examples"), "MMDL_GEN_DIR": str(project / "_build"),
            "MMDL_PYTHON": sys.executable, "MMDL_CACHE_DIR": str(SHARED_CACHE), **env}


def build(project, *options, **env):
    """在临时项目上运行 sphinx-build（用仓库的 conf.py 与扩展）；env 是额外的环境变量。"""
    return subprocess.run(build_command(project, *options), capture_output=True, text=True,
                          env=project_env(project, **env), timeout=600)


def page(project, doc="demo/ch"):
    """临时项目构建出的一页 HTML（build_command 总把网站放在项目的 _build/html，与 MMDL_GEN_DIR 无关）。"""
    return (project / "_build" / "html" / f"{doc}.html").read_text(encoding="utf-8")


def stamp_times(project):
    """{示例名: stamp.json 的修改时间}：哪些示例这次重跑了。"""
    return {p.parent.name: p.stat().st_mtime_ns for p in (project / "_build" / "examples").rglob("stamp.json")}


# ---------- 一个“故障”项目：每种出错的示例、缺失的示例与测试模块、缺 MXNet 解释器，一次构建全部报出 ----------

FAULTS = {  # 名字: (源码主体，None 表示没有环境声明的好示例；stderr 里应有的说明)
    "failing": ('import sys\nprint("开始")\nraise ValueError("示例里的错误")\n', "ValueError"),
    "outside": ("open({path!r}, 'w').write('x')\n", "越界"),
    "network": ("import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n", "联网"),
    "noheader": (None, "第一行必须声明运行环境"),
}
GLYPH = '''\
# env: main
"""缺字检查：标题里有字体中没有的字（U+13000，中文字体与 DejaVu Sans 都没有），示例必须失败。"""
import argparse

import matplotlib.pyplot as plt


def main(argv=None):
    argparse.ArgumentParser().parse_args(argv)
    plt.title("缺字\U00013000")
    plt.show()


if __name__ == "__main__":
    main()
'''
_faults = {}


def faults_build(tmp_path_factory):
    """故障项目构建一次（每个测试进程一次；conftest.py 的调度把一个构建类模块的检查都交给同一个进程）。

    返回 (项目, 构建结果, 越界示例想写的文件)。项目里有 tests/ 却没有 tests/chapters/test_demo_ch.py：
    含示例的页面缺测试模块也要让构建失败。
    """
    if "result" not in _faults:
        root = tmp_path_factory.mktemp("faults")
        outside = root / "outside.txt"
        files = {"good.py": GOOD, "glyph.py": GLYPH, "mx.py": GOOD.replace("# env: main", "# env: mxnet")}
        for kind, (body, _) in FAULTS.items():
            files[f"bad_{kind}.py"] = (GOOD.split("\n", 1)[1] if body is None else
                                       '# env: main\n"""有问题的示例。"""\n' + body.format(path=str(outside)))
        project = make_project(root, files)
        page_rst = project / "docs" / "demo" / "ch.rst"
        page_rst.write_text(page_rst.read_text(encoding="utf-8") + "\n.. example:: demo/ch/nope.py\n", encoding="utf-8")
        (project / "tests").mkdir()
        rc = root / "matplotlibrc"  # 只有 DejaVu Sans：缺字的示例必须失败
        rc.write_text("font.family: sans-serif\nfont.sans-serif: DejaVu Sans\n", encoding="utf-8")
        r = build(project, MMDL_MATPLOTLIBRC=str(rc), MMDL_MXNET_PYTHON=str(root / "no-python"),
                  MMDL_TIMEOUT="60")  # 没有示例会挂起（挂起的示例见 test_freshness 的超时测试，1 秒）
        _faults["result"] = (project, r, outside)
    return _faults["result"]


def execute_notebook(client):
    """用 nbclient 执行笔记本，内核的启动与别的测试进程错开。

    jupyter_client 先挑几个空闲的 TCP 端口写进连接文件，内核随后才绑定它们；两个 xdist 工作进程同时启动内核时，
    可能挑到同一个端口，后绑定的内核就以 "Address already in use" 死掉（本地实测到过）。从挑端口到内核回复
    kernel_info（端口都已绑定）之间持一把跨进程的文件锁（在运行器的缓存目录里），之后照常执行、照常关掉内核。
    """
    import fcntl

    SETTINGS.cache_dir.mkdir(parents=True, exist_ok=True)
    with open(SETTINGS.cache_dir / "kernel-start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        client.km = client.create_kernel_manager()
        client.start_new_kernel()
        client.start_new_kernel_client()
    return client.execute()
