"""章末练习：每个存根单独运行时干净地失败，填入解答后全部通过；页面、附录与存根互相对得上。

存根在空的临时目录里用它第一行声明的环境（exercises_ext.env_of）的解释器运行（与示例一样经 process.start），只靠它自己的代码与钉住的包。
"""
import ast
import json
import math
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import exercises_ext  # noqa: E402

import downloads  # noqa: E402
import runner  # noqa: E402
from runner import process  # noqa: E402
from support import SETTINGS, execute_notebook, preload_dir  # noqa: E402  (也装上预加载的解释器)

MEMO_READS = ("site",)  # 测试的记忆（tests/memo.py）：页面上的练习与折叠的解答

STUBS = sorted(p for p in exercises_ext.EXERCISES.rglob("*.py") if not p.stem.endswith("_solution"))
NAMES = [str(p.relative_to(exercises_ext.EXERCISES).with_suffix("")) for p in STUBS]
CHAPTERS = sorted({str(Path(n).parent) for n in NAMES})
HTML = SETTINGS.site_dir


def with_solution(name):
    stub, solution = exercises_ext.paths(name)
    text = stub.read_text(encoding="utf-8")
    i = text.index(exercises_ext.BEGIN) + len(exercises_ext.BEGIN) + 1
    return text[:i] + solution.read_text(encoding="utf-8") + text[text.index(exercises_ext.END):]


def run(tmp_path, source, env):
    """在空目录里用存根声明的环境运行 stub.py，和示例一样经 process.start（TensorFlow 等顶层导入由预加载的解释器付过）。"""
    (tmp_path / "stub.py").write_text(source, encoding="utf-8")
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with open(out, "wb") as o, open(err, "wb") as e:
        res = process.start(runner.interpreter(SETTINGS, env), [str(tmp_path / "stub.py")], tmp_path,
                            runner.child_env(SETTINGS, env), o, e, 120, preload=preload_dir(SETTINGS))
    assert not res.timed_out
    return SimpleNamespace(returncode=res.returncode, stdout=out.read_text(encoding="utf-8"),
                           stderr=err.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_stub_fails_cleanly_and_solution_passes(name, tmp_path):
    """每个练习的存根在它第一行声明的环境里（主环境或 MXNet 环境）原样运行：退出码非 0，每项检查一行 ✗ 和一句说明要写什么函数的提示，没有 traceback；把解答换进两行标记之间再运行：退出码 0，每项都是 ✓。"""
    stub = exercises_ext.paths(name)[0].read_text(encoding="utf-8")
    env = exercises_ext.env_of(name)   # 第一行的 # env: main|mxnet，与示例的声明方式相同
    assert stub.startswith(f"# env: {env}\n") and stub.count(exercises_ext.BEGIN) == stub.count(exercises_ext.END) == 1
    res = run(tmp_path, stub, env)
    assert res.returncode != 0 and "Traceback" not in res.stderr and "Error" not in res.stderr, res.stderr[-2000:]
    lines = res.stdout.splitlines()
    marks = [line for line in lines if line[:2] in ("✓ ", "✗ ")]
    assert marks and all(m.startswith("✗ ") for m in marks), res.stdout
    assert "还没有写" in res.stdout and "你的代码" in res.stdout
    res = run(tmp_path, with_solution(name), env)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stdout + res.stderr[-2000:]
    marks = [line for line in res.stdout.splitlines() if line[:2] in ("✓ ", "✗ ")]
    assert len(marks) == len([m for m in marks if m.startswith("✓ ")]) >= 1, res.stdout


def test_graders_are_one_copy():
    """每个存根末尾的批改代码（grade 函数）逐字相同：修了一处就要修全部。"""
    tails = {n: exercises_ext.paths(n)[0].read_text(encoding="utf-8").split("# ---- 批改")[1] for n in NAMES}
    assert len(set(tails.values())) == 1


def test_pages_list_every_exercise():
    """每个存根都出现在它那一章页面的“练习”一节里（页面的最后一节），每章至少两个；书末附录按书的章序列出有练习的每一章。"""
    for chapter in CHAPTERS:
        text = (ROOT / "docs" / f"{chapter}.rst").read_text(encoding="utf-8")
        found = [n for n, _, _ in exercises_ext.exercises_in(text)]
        assert sorted(found) == sorted(n for n in NAMES if str(Path(n).parent) == chapter), chapter
        assert len(found) >= 2 and "\n练习\n----\n" in text
        assert not re.search(r"\n[^\n]+\n-{3,}\n", text.split("\n练习\n----\n")[1]), f"{chapter}：练习应是最后一节"
    appendix = (ROOT / "docs" / "solutions.rst").read_text(encoding="utf-8").split(".. exercise-solutions::")[1].split()
    index = (ROOT / "docs" / "index.rst").read_text(encoding="utf-8")
    order = re.findall(r"^   ((?:basics|libraries)/\w+)$", index, flags=re.M)
    assert appendix == [c for c in order if c in CHAPTERS]


def test_momentum_claim():
    """优化器一章的练习说：H = diag(50, 1)、η = 0.02 时，最好的动量系数在 (1 − √(ηλ_min))² ≈ 0.74 附近。"""
    ns = {}
    exec(exercises_ext.paths("basics/optimizers/tune_momentum")[0].read_text(encoding="utf-8")
         .split(exercises_ext.BEGIN)[0], ns)
    grid = [i / 200 for i in range(199)]
    steps = [ns["steps_needed"](m) for m in grid]
    best = grid[steps.index(min(steps))]
    assert abs(best - (1 - math.sqrt(0.02)) ** 2) < 0.03


def test_built_page_folds_solutions():
    """网站上每个练习有存根与笔记本的下载链接和一个默认合上的“解答”折叠块，里面是解答的代码；附录页在网站上不展开解答。"""
    for chapter in CHAPTERS:
        html = (HTML / f"{chapter}.html").read_text(encoding="utf-8")
        names = [n for n in NAMES if str(Path(n).parent) == chapter]
        assert html.count('class="sd-sphinx-override sd-dropdown sd-card sd-mb-3 mmdl-solution"') == len(names)
        for n in names:
            assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{Path(n).name}\.py"', html), n
            assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{Path(n).name}\.ipynb"', html), n
        assert not re.search(r"<details[^>]*open[^>]*mmdl-solution|mmdl-solution[^>]*open", html)
    appendix = (HTML / "solutions.html").read_text(encoding="utf-8")
    assert "mmdl-solution" not in appendix and "def " not in appendix


def _notebook(name, tmp_path):
    import nbformat

    stub = exercises_ext.paths(name)[0]
    dest = downloads.write_exercise_notebook(stub, name, exercises_ext.env_of(name), exercises_ext.BEGIN,
                                             exercises_ext.END, tmp_path / f"{stub.stem}.ipynb")
    return nbformat.read(dest, as_version=4)


def test_notebooks_hold_exactly_the_stub(tmp_path):
    """每个存根的笔记本（docs/_ext/downloads.py 的 write_exercise_notebook）：代码单元连起来与存根是同一个程序，
    只是末尾的 sys.exit(grade(CHECKS)) 换成显示 grade(CHECKS)；“你的代码”恰好是一个单元，带着两行标记。"""
    def top(code):
        return [ast.dump(n) for n in ast.parse(code).body]

    for name in NAMES:
        stub = exercises_ext.paths(name)[0].read_text(encoding="utf-8")
        nb = _notebook(name, tmp_path)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        body = ast.parse(stub).body
        want = [ast.dump(n) for n in body[1:-1]] + top("grade(CHECKS)")   # 去掉文档字符串与 if __name__ 块
        assert top("\n\n".join(code)) == want, name
        mine = [c for c in code if exercises_ext.BEGIN in c]
        assert len(mine) == 1 and mine[0].startswith(exercises_ext.BEGIN) and mine[0].endswith(exercises_ext.END), name
        assert nb.cells[0].cell_type == "markdown" and nb.metadata["mmdl"]["exercise"] == name
        assert nb.metadata["kernelspec"]["name"] == ("mmdl-mxnet" if exercises_ext.env_of(name) == "mxnet" else "python3")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_with_solution_passes(name, tmp_path, monkeypatch):
    """在存根声明的环境的 Jupyter 内核里从头执行笔记本：“你的代码”单元换成解答后每项都是 ✓，最后一个单元显示 0。"""
    from nbclient import NotebookClient

    nb = _notebook(name, tmp_path)
    cell = next(c for c in nb.cells if c.cell_type == "code" and exercises_ext.BEGIN in c.source)
    cell.source = f"{exercises_ext.BEGIN}\n{exercises_ext.paths(name)[1].read_text(encoding='utf-8')}{exercises_ext.END}"
    env = exercises_ext.env_of(name)
    spec = tmp_path / "jupyter" / "kernels" / f"mmdl-ex-{env}"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [runner.interpreter(SETTINGS, env), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"mmdl {env}", "language": "python",
        "env": runner.child_env(SETTINGS, env) | {"IPYTHONDIR": str(tmp_path / "ipython")}}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    work = tmp_path / "work"
    work.mkdir()
    execute_notebook(NotebookClient(nb, kernel_name=spec.name, timeout=300, allow_errors=False,
                                    resources={"metadata": {"path": str(work)}}))
    outs = [o for c in nb.cells for o in c.get("outputs", [])]
    stdout = "".join(o.text for o in outs if o.output_type == "stream" and o.name == "stdout")
    marks = [line for line in stdout.splitlines() if line[:2] in ("✓ ", "✗ ")]
    assert marks and all(m.startswith("✓ ") for m in marks), stdout
    assert nb.cells[-1].outputs[-1]["data"]["text/plain"] == "0"
