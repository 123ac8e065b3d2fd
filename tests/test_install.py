"""环境安装一章：页面里的版本 = requirements 文件里的版本；两个检查脚本报告真实情况，缺包时退出码 1。"""
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from support import load_example, run_example, run_example_raw

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "basics" / "install.rst"
MAIN, MX = "basics/install/check_env.py", "basics/install/check_env_mxnet.py"
MISSING = "mmdl-no-such-package"


def pins(name, here=False):
    """测试自己的解析（不借用示例里的函数）：{包名: 版本}，含只适用于某些平台的行（``; 环境标记``）；
    ``here=True`` 时只要适用于本机的行。"""
    from packaging.markers import Marker

    out = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line, _, marker = line.split("#", 1)[0].partition(";")
        line = line.strip()
        if here and marker.strip() and not Marker(marker).evaluate():
            continue
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.]+", line), f"{name} 里不是钉死的版本：{line}"
            pkg, ver = line.split("==")
            out[pkg] = ver
    return out


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
