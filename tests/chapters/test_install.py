"""环境安装一章：页面里的版本 = requirements 文件里的版本；两个检查脚本报告真实情况，缺包时退出码 1。"""
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from runner import requirements
from support import SETTINGS, load_example, run_example, run_example_raw

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "basics" / "install.rst"
MAIN, MX = "basics/install/check_env.py", "basics/install/check_env_mxnet.py"
MISSING = "mmdl-no-such-package"


def pins(name, here=False):
    """{包名: 版本}（运行器唯一的 requirements 读取者 runner.requirements，用 packaging 解析；不借用示例里的函数），
    含只适用于某些平台的行（``; 环境标记``）；``here=True`` 时只要适用于本机的行。每一行都必须钉死版本。"""
    env = {v: k for k, v in requirements.FILES.items()}[name]
    return {req.name: requirements.pinned_version(req) for req in requirements.requirements(env)
            if not here or req.marker is None or req.marker.evaluate()}


MAIN_PINS, MX_PINS = pins("requirements.txt"), pins("requirements-mxnet.txt")
MAIN_HERE, MX_HERE = pins("requirements.txt", here=True), pins("requirements-mxnet.txt", here=True)


def page_table():
    """读出页面 list-table 的每一行：包名、主环境版本、MXNet 环境版本（“—”表示不装）。"""
    text = PAGE.read_text(encoding="utf-8")
    rows = re.findall(r"^\s*\* - ``([^`]+)``\n\s+- (\S+)\n\s+- (\S+)\n", text, flags=re.M)
    assert len(rows) >= 10, "页面里没有找到版本表"
    main = {pkg: v for pkg, v, _ in rows if v != "—"}
    mx = {pkg: v for pkg, _, v in rows if v != "—"}
    return main, mx


def test_version_table_equals_requirements_files():
    main, mx = page_table()
    assert main == MAIN_PINS
    assert mx == MX_PINS


# 散文里提到版本的写法：“TensorFlow 2.21”“MXNet 1.9.1”“numpy==1.23.5”……
NAMES = {"tensorflow": ["tensorflow-cpu", "tensorflow"], "keras": ["keras"], "mxnet": ["mxnet"],
         "numpy": ["numpy"], "scipy": ["scipy"], "matplotlib": ["matplotlib"],
         "pandas": ["pandas"], "scikit-learn": ["scikit-learn"], "sphinx": ["Sphinx"]}


def pinned_versions(pkg):
    return {v for d in (MAIN_PINS, MX_PINS) for k, v in d.items() if k.lower() == pkg.lower()}


def test_versions_mentioned_in_prose_are_the_pinned_ones():
    text = PAGE.read_text(encoding="utf-8")
    checked = 0
    for pkg, ver in re.findall(r"([A-Za-z][A-Za-z0-9_.\-]*)==([0-9][A-Za-z0-9_.]*)", text):
        assert ver in pinned_versions(pkg), f"页面写了 {pkg}=={ver}，requirements 里不是这个版本"
        checked += 1
    for name, pkgs in NAMES.items():
        for ver in re.findall(rf"(?i)\b{re.escape(name)}\s+v?(\d+\.\d+(?:\.\d+)*)", text):
            allowed = set().union(*(pinned_versions(p) for p in pkgs))
            assert any(a == ver or a.startswith(ver + ".") for a in allowed), (
                f"页面写了 {name} {ver}，与 requirements 里的 {sorted(allowed)} 不一致")
            checked += 1
    assert checked >= 4   # TensorFlow 2.21、MXNet 1.9.1、numpy==1.23.5……确实被检查到了


def test_pip_mirror_commands_are_right():
    text = PAGE.read_text(encoding="utf-8")
    assert "pip config set global.index-url https://pypi.tuna.tsinghua.edu.cn/simple" in text
    for value in re.findall(r"global\.trusted-host\s+(\S+)", text):
        assert "://" not in value and "/" not in value, f"trusted-host 应是主机名：{value}"
    assert "pip config set global.trusted-host pypi.tuna.tsinghua.edu.cn" in text


def lines(stdout):
    return dict(line.split(": ", 1) for line in stdout.splitlines() if ": " in line)


@pytest.mark.parametrize("rel, expected", [(MAIN, MAIN_HERE), (MX, MX_HERE)])
def test_check_env_reports_every_pinned_package(rel, expected):
    out = lines(run_example(rel))
    for pkg, ver in expected.items():
        assert out[pkg] == ver, f"{rel} 报告 {pkg}: {out.get(pkg)}"
    assert out["检查的包数"] == str(len(expected))
    assert out["缺少的包数"] == "0" and out["版本不符的包数"] == "0"
    assert out["环境检查"] == "通过"
    assert out["Python"].startswith("3.11")


def test_check_env_main_reports_blas_and_gpu():
    out = lines(run_example(MAIN))
    assert "openblas" in out["运行时加载的 BLAS"].lower()
    assert out["NumPy 编译时的 BLAS"].split()[0] != ""
    assert out["TensorFlow 支持 CUDA"] == "否"        # tensorflow-cpu
    assert out["TensorFlow 可见的 GPU 数"] == "0"


def test_check_env_mxnet_reports_blas_gpu_and_numpy():
    out = lines(run_example(MX))
    assert "BLAS_OPEN" in out["MXNet 的 BLAS 与加速库"] or "BLAS_MKL" in out["MXNet 的 BLAS 与加速库"]
    assert out["MXNet 可见的 GPU 数"] == "0"
    assert out["MXNet 运算自检"] == "通过"
    assert out["numpy 低于 1.24"] == "是"


@pytest.mark.parametrize("rel", [MAIN, MX])
def test_check_env_missing_package_exits_1_with_one_line(rel):
    r = run_example_raw(rel, "--require", MISSING)
    assert r.returncode == 1
    err = r.stderr.strip().splitlines()
    assert err and err[-1].startswith("错误: 缺少 " + MISSING)
    assert f"pip install {MISSING}" in err[-1]
    assert "Traceback" not in r.stderr
    assert lines(r.stdout)[MISSING] == "未安装"


def test_check_env_version_mismatch_exits_1(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("numpy==0.0.1\n", encoding="utf-8")
    r = run_example_raw(MAIN, "--requirements", req)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1].startswith("错误: 版本与 requirements.txt 不符: numpy")
    assert lines(r.stdout)["numpy"] == f"{version('numpy')}（要求 0.0.1）"


def test_check_env_gpu_required_but_absent_exits_1():
    r = run_example_raw(MX, "--require-gpu")
    assert r.returncode == 1
    assert "看不到 GPU" in r.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("args", [["--requirements", "/nonexistent/requirements.txt"], ["--bogus"]])
def test_check_env_bad_arguments(args):
    r = run_example_raw(MX, *args)
    assert r.returncode in (1, 2)
    assert "Traceback" not in r.stderr
    assert r.stderr.strip()


def test_parse_requirements_agrees_with_this_test():
    for rel, name, expected in ((MAIN, "requirements.txt", MAIN_HERE), (MX, "requirements-mxnet.txt", MX_HERE)):
        module = load_example(rel)
        assert module.parse_requirements((ROOT / name).read_text(encoding="utf-8")) == expected


def test_python_ranges_are_stated_once_and_agree_everywhere():
    """两个环境支持的 Python 版本只写在 requirements 文件的 ``# python:`` 一行（MXNet 环境 3.10–3.11：它钉住的 SciPy 1.15.3 等要求 ≥ 3.10）；本页、README 与 ruff 的目标版本都与之相同。"""
    assert requirements.python_range_text("mxnet") == "3.10–3.11"
    assert requirements.python_range_text("main") == "3.11–3.13"
    html = (SETTINGS.site_dir / "basics" / "install.html").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for env in ("main", "mxnet"):
        text = requirements.python_range_text(env)
        assert f"Python {text}" in html and f"Python {text}" in readme, env
    assert "3.8–3.11 的解释器" not in html and "Python 3.8–3.11，Makefile" not in readme
    low = {s.operator: s.version for s in requirements.python_range("mxnet")}[">="]
    assert f'target-version = "py{low.replace(".", "")}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _old_python():
    """本机一个不在 MXNet 环境范围内的解释器（pyenv 的 3.8 或 3.9、3.12），没有时为 None。"""
    import glob
    import shutil

    for cand in ["python3.8", "python3.9", "python3.12", *sorted(glob.glob("/root/.pyenv/versions/3.[89]*/bin/python3"))]:
        path = cand if "/" in cand else shutil.which(cand)
        if path and subprocess.run([path, "-c", "0"], capture_output=True).returncode == 0:
            return path
    return None


def test_unsupported_mxnet_interpreter_stops_before_pip_with_one_line(tmp_path):
    """``make html MXNET_BASE_PYTHON=python3.8``：几秒内停下，一行话说明要装哪个 Python，没有运行 pip、没有建立环境。"""
    import time

    old = _old_python()
    if old is None:
        pytest.skip("本机没有 Python 3.8/3.9/3.12 可以试")
    for name in ("Makefile", "requirements.txt", "requirements-mxnet.txt", "docs/_ext/runner/pyrange.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    t0 = time.monotonic()
    r = subprocess.run(["make", "-s", ".venv-mxnet/.installed", f"MXNET_BASE_PYTHON={old}", "BASE_PYTHON=python3"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - t0 < 10
    assert r.returncode != 0
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stdout + r.stderr
    assert "3.10–3.11" in lines[0] and "MXNET_BASE_PYTHON" in lines[0], lines[0]
    assert not (tmp_path / ".venv-mxnet").exists(), "不合适的解释器也建了环境"
