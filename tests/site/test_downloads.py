"""网站提供下载的 .py 与 .ipynb 离开本仓库也能运行，结果与页面上的相同。

每个下载文件复制进一个空的临时目录，用对应环境的解释器以隔离模式（``python -I``）运行；
环境里把仓库的 examples/ 加进 sys.path 的 .pth 对下载文件不起作用——运行前从 sys.path
去掉所有含 ``mmdl`` 包的目录，所以 ``import mmdl`` 会失败，下载文件必须自带它用到的一切。

- 每个 .py：退出码 0，没有缺字警告，标准输出与页面上（构建时预加载运行、捕获）的相同，图逐像素相同；
  计时的示例（输出里有耗时）只比较退出码与缺字警告。
- 笔记本：用 nbclient 在 Jupyter 内核里从头执行到尾（MXNet 的笔记本用 .venv-mxnet 的内核），
  没有缺字警告，图的个数与页面上的相同，文字输出与页面上的相同。

每个下载都是一次全新的进程（TensorFlow 要先导入 3 秒多），全部运行约需 4 CPU 分钟；一个下载一项检查，
本地由测试的记忆（tests/memo.py）跳过下载文件、页面上的输出与测试代码都和上次通过时相同的那些，CI 全部运行。
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from matplotlib import image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import runner  # noqa: E402
from runner import runs  # noqa: E402
from support import SETTINGS, comparable, execute_notebook  # noqa: E402

DOWNLOADS = SETTINGS.site_dir / "_downloads"
# 输出里有耗时的示例：标准输出每次都不同，只比较其余各项
# 运行前从 sys.path 去掉含 mmdl 包的目录（环境里的 .pth 会把仓库的 examples/ 加进来）
OFF_PATH = ("import os, sys; sys.path[:] = [p for p in sys.path "
            "if not os.path.isdir(os.path.join(p or '.', 'mmdl'))]; ")
BOOT = OFF_PATH + "import runpy; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
KERNEL_BOOT = OFF_PATH + "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
GLYPH = re.compile(r"[Gg]lyph .*missing from|未找到中文字体")


def _files(ext):
    """网站页面链接的全部下载文件（旧构建留在 _downloads/ 里、页面不再链接的文件不算）。"""
    html = SETTINGS.site_dir
    if not DOWNLOADS.is_dir():
        pytest.fail(f"没有 {DOWNLOADS}：先运行 make html", pytrace=False)
    found = set()
    for page in html.rglob("*.html"):
        for link in re.findall(r'href="((?:\.\./)*_downloads/[^"]+)"', page.read_text(encoding="utf-8")):
            found.add((page.parent / link).resolve())
    # 章末练习的存根（exercises/，由 tests/pipeline/test_exercises.py 检查）也是下载文件，但不是示例：不在这里
    return sorted((p for p in found if p.suffix == ext and not _is_exercise(p)), key=lambda p: p.name)


def _is_exercise(path):
    """存根与存根原样相同；练习的笔记本在元数据里写着 mmdl.exercise（docs/_ext/downloads.py 的 write_exercise_notebook）。"""
    import exercises_ext

    if path.suffix == ".ipynb":
        return "exercise" in json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("mmdl", {})
    return any(path.name == stub.name and path.read_bytes() == stub.read_bytes()
               for stub in exercises_ext.EXERCISES.rglob(path.name))


def _source(path):
    """下载文件出自哪个示例：开头的说明里写着 examples/<rel>。"""
    m = re.search(r"examples/([\w/]+\.py)", path.read_text(encoding="utf-8")[:2000])
    assert m, f"{path.name} 开头没有写明出自哪个示例"
    return m.group(1)


def _page_stdout(rel):
    return (runner.result_dir(SETTINGS, rel) / "stdout.txt").read_text(encoding="utf-8")


def memo_inputs(item):
    """测试的记忆（tests/memo.py）：运行一个下载的检查，输入是那个下载文件和页面上它的输出（结果目录里的
    stdout 与戳），不是整个网站。"""
    path = getattr(item, "callspec", None) and item.callspec.params.get("path")
    if path is None:
        return None
    result = runner.result_dir(SETTINGS, _source(path))
    return [path, result / "stdout.txt", result / "stamp.json"]


def _base_env(tmp):
    threads = "1"
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp), "TMPDIR": str(tmp),
            "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "TF_CPP_MIN_LOG_LEVEL": "2", "KERAS_HOME": str(tmp / "keras"),
            "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads,
            "TF_NUM_INTRAOP_THREADS": threads, "TF_NUM_INTEROP_THREADS": threads,
            "MXNET_CPU_WORKER_NTHREADS": threads}


@pytest.fixture(scope="session")
def mpl_dirs(tmp_path_factory):
    """每个环境一个 matplotlib 配置目录（字体缓存只建一次），都在临时目录里。"""
    return {env: tmp_path_factory.mktemp(f"mpl-{env}") for env in runner.ENVS}


PY_FILES = _files(".py") if DOWNLOADS.is_dir() else []


def test_every_example_has_both_downloads():
    py = {_source(p) for p in _files(".py")}
    nb = {_source(p) for p in _files(".ipynb")}
    assert py == set(runner.all_examples(SETTINGS)), sorted(set(runner.all_examples(SETTINGS)) ^ py)
    assert nb == py


@pytest.mark.parametrize("path", PY_FILES, ids=[p.name for p in PY_FILES])
def test_downloaded_script_runs_alone(path, tmp_path, mpl_dirs, monkeypatch):
    """读者的运行（新进程、隔离模式、空目录、仓库不在路径上）也是等价性检查的新进程一侧：页面上的输出与图
    来自构建里预加载的 fork 子进程，下载文件在新进程里必须打印同样的输出、画出逐像素相同的图（浅色与深色）、
    记下同样的库版本。图由捕获后端（mmdl_capture.py，MMDL_STANDALONE：不替脚本设样式，脚本自己调用内联的
    use_site_style）在 plt.show() 时存下，与构建的存法相同；缺字的警告在那里是错误。"""
    rel = _source(path)
    env_name = runner.declared_env(SETTINGS, rel)
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+mmdl\b", text, re.M), f"{path.name} 仍然 import mmdl"
    head = text.split('"""', 1)[0]
    assert re.search(r"^# 安装：.*pip install", head, re.M) or "只需要 Python 标准库" in head, head
    if re.search(r"^\s*(from|import)\s+(tensorflow|mxnet)\b", text, re.M):   # 训练的末几位随线程数变
        assert f"页面上的输出是 {SETTINGS.threads} 个线程的运行" in head, head
    page = _preloaded_side(rel, tmp_path, monkeypatch)
    work, out = tmp_path / "reader", tmp_path / "out"
    work.mkdir()
    (out / "figs").mkdir(parents=True)
    shutil.copy(path, work / path.name)
    env = _base_env(tmp_path) | {
        "MPLBACKEND": "module://mmdl_capture", "MPLCONFIGDIR": str(mpl_dirs[env_name]), "MMDL_STANDALONE": "1",
        "MMDL_EXAMPLES_DIR": str(work), "MMDL_WORK_DIR": str(work), "MMDL_FIG_DIR": str(out / "figs"),
        "MMDL_META": str(out / "run.json"), "MMDL_LIBRARIES": json.dumps(runner.libraries_used(SETTINGS, rel))}
    capture = str(ROOT / "docs" / "_ext" / "child" / "mmdl_capture.py")
    r = subprocess.run([runner.interpreter(SETTINGS, env_name), "-I", "-c", BOOT, capture, path.name], cwd=work,
                       env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, f"{path.name} 退出码 {r.returncode}：\n{r.stderr[-3000:]}"
    assert not GLYPH.search(r.stderr), f"{path.name} 画图时缺字：\n{r.stderr[-2000:]}"
    assert comparable(rel, r.stdout) == comparable(rel, page.stdout), f"{path.name} 的输出与页面上（预加载）的不同"
    meta = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (meta["used"], meta["figures"]) == (page.used, page.figures), f"{path.name}：库版本或图的数量与页面上的不同"
    figs = sorted(p.relative_to(out / "figs").as_posix() for p in (out / "figs").rglob("*.png"))
    assert figs == page.figs and len(figs) == 2 * page.figures, f"{path.name} 画的图与页面上的不同：{figs}"
    for name in figs:  # 每张图两个版本：fig-N.png 与深色的 dark/fig-N.png
        a, b = image.imread(page.dir / "figs" / name), image.imread(out / "figs" / name)
        assert a.shape == b.shape and np.array_equal(a, b), f"{path.name} 的 {name} 与页面上（预加载）的不一致"


def _preloaded_side(rel, tmp_path, monkeypatch):
    """页面一侧：构建用预加载的 fork 子进程跑过（戳里 preloaded 为真）就是构建的结果；否则（构建关掉了预加载）
    现用预加载跑一次仓库里的示例，这样比较的总是 fork 子进程与新进程。"""
    built = runner.run_cached(SETTINGS, rel)
    d = runner.result_dir(SETTINGS, rel)
    meta = built.stamp
    if not built.stamp.get("preloaded"):
        d = tmp_path / "preloaded"
        res = runs._execute(SETTINGS.replace(preload=True), rel, [], d)
        assert res.returncode == 0 and res.preloaded, f"{rel} 没有用上预加载的解释器：{(d / 'stderr.txt').read_text()[-2000:]}"
        meta = json.loads((d / "run.json").read_text())
    figs = sorted(p.relative_to(d / "figs").as_posix() for p in (d / "figs").rglob("*.png"))
    return SimpleNamespace(stdout=(d / "stdout.txt").read_text(encoding="utf-8"), used=meta["used"],
                           figures=meta["figures"], figs=figs, dir=d)


def _top_level(code):
    """顶层语句（连同装饰器）的结构，``if __name__ == "__main__":`` 与 ``main([])`` 不算。"""
    return [ast.dump(n) for n in ast.parse(code).body
            if not (isinstance(n, ast.If) and ast.unparse(n.test) == "__name__ == '__main__'")
            and not (isinstance(n, ast.Expr) and ast.unparse(n).startswith("main(["))]


def test_every_notebook_holds_exactly_the_script_code():
    """不执行，全部检查（执行只轮换一部分）：笔记本各代码单元连起来，与下载的 .py 是同样的程序，
    一个装饰器（如 @tf.function）、一条语句都不少。"""
    import nbformat

    scripts = {_source(p): p for p in _files(".py")}
    problems = []
    for path in _files(".ipynb"):
        nb = nbformat.read(path, as_version=4)
        code = "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")
        script = scripts[_source(path)].read_text(encoding="utf-8")
        script_body = ast.parse(script).body
        if script_body and isinstance(script_body[0], ast.Expr) and isinstance(script_body[0].value, ast.Constant):
            script = "\n".join(script.splitlines()[script_body[0].end_lineno:])  # 文档字符串在笔记本的 Markdown 里
        want, got = _top_level(script), _top_level(code)
        got = [g for g in got if not g.startswith("Assign(targets=[Name(id='__doc__'")]
        if want != got:
            problems.append(f"{path.name}：笔记本的代码与 {scripts[_source(path)].name} 不同")
    assert not problems, "\n".join(problems)


TF_LOG = ("WARNING:tensorflow:", "INFO:tensorflow:", "ERROR:tensorflow:")
NOTEBOOKS = _files(".ipynb") if DOWNLOADS.is_dir() else []


def _kernel(env_name, tmp, mpl_dir):
    """在临时目录里注册一个内核：对应环境的解释器，隔离模式，mmdl 不在 sys.path 上。"""
    spec = tmp / "jupyter" / "kernels" / f"mmdl-{env_name}"
    spec.mkdir(parents=True)
    env = _base_env(tmp) | {"MPLCONFIGDIR": str(mpl_dir), "IPYTHONDIR": str(tmp / "ipython")}
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [runner.interpreter(SETTINGS, env_name), "-I", "-c", KERNEL_BOOT, "-f", "{connection_file}"],
        "display_name": f"mmdl {env_name}", "language": "python", "env": env}), encoding="utf-8")
    return spec.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_downloaded_notebook_runs_top_to_bottom(path, tmp_path, mpl_dirs, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    rel = _source(path)
    env_name = runner.declared_env(SETTINGS, rel)
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert not any(s.lstrip().startswith("# env:") for s in code), "代码单元里不应有 # env: 行"
    assert code[-1].startswith("main([])")
    work = tmp_path / "reader"
    work.mkdir()
    shutil.copy(path, work / path.name)
    name = _kernel(env_name, tmp_path, mpl_dirs[env_name])
    for var in ("MPLBACKEND", "PYTHONPATH"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    client = NotebookClient(nb, kernel_name=name, timeout=600, allow_errors=False,
                            resources={"metadata": {"path": str(work)}})
    execute_notebook(client)
    stdout, stderr, images = "", "", 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                if out.name == "stdout":
                    stdout += out.text
                else:
                    stderr += out.text
            elif "image/png" in out.get("data", {}):
                images += 1
    assert not GLYPH.search(stderr), f"{path.name} 画图时缺字：\n{stderr[-2000:]}"
    assert images == runner.load_stamp(SETTINGS, rel)["figures"], f"{path.name}：笔记本里的图数与页面上的不同"
    # TensorFlow 的 Python 日志在交互式会话（Jupyter 内核里 sys.ps1 存在）写到 stdout 而不是 stderr
    # （tensorflow/python/platform/tf_logging.py）；脚本运行时它在 stderr，页面上也不算输出
    stdout = "".join(line for line in stdout.splitlines(keepends=True) if not line.startswith(TF_LOG))
    assert comparable(rel, stdout) == comparable(rel, _page_stdout(rel)), f"{path.name} 的文字输出与页面上的不同"


def test_site_style_matches_matplotlibrc():
    """下载文件用 use_site_style() 设置的外观，与仓库根目录的 matplotlibrc（从仓库里直接运行时）相同。"""
    import runpy

    import matplotlib

    style = runpy.run_path(str(ROOT / "examples" / "mmdl" / "style.py"))
    rc = matplotlib.rc_params_from_file(str(ROOT / "matplotlibrc"), use_default_template=False)
    for key, value in style["SITE_RC"].items():
        assert rc[key] == value, f"{key}：matplotlibrc 是 {rc[key]!r}，use_site_style 是 {value!r}"
    cjk = {n for names in style["CJK_FONTS"].values() for n in names}
    assert rc["font.family"] == ["sans-serif"]
    assert set(rc["font.sans-serif"][:-1]) <= cjk and rc["font.sans-serif"][-1] == "DejaVu Sans"
