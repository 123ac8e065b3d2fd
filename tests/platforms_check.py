"""各平台能否安装两个环境：用 pip 自己的解析器核对 docs/basics/platforms.csv 里的每一句“可以/不可以”。

需要网络（pip 从 PyPI 读取安装包的元数据，不下载、不安装），所以不在离线的 make test 里：
``make test-platforms`` 运行它，.ci/run 在离线阶段之前调用。

``pip install --dry-run --platform … --only-binary=:all:`` 只看 wheel，并且不按目标平台计算
requirements 文件里的环境标记（pip 用的是本机的值），所以这里先用 packaging 按目标平台
选出适用的行，再把它们交给 pip 解析。jieba 只有源码包（纯 Python，任何平台都能装），
不能参加只看 wheel 的解析，单独列出并跳过。
"""
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from runner import requirements

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "basics" / "platforms.csv"
SDIST_ONLY = {"jieba"}
PY = "3.11"


def _manylinux(arch):
    return [f"manylinux_2_{m}_{arch}" for m in range(28, 16, -1)] + [f"manylinux2014_{arch}"]


def _macos(arch, newest=14):
    versions = [f"{v}_0" for v in range(newest, 10, -1)] + [f"10_{m}" for m in range(16, 8, -1)]
    return [f"macosx_{v}_{a}" for v in versions for a in (arch, "universal2")]


# 表中平台名的开头 → (pip 的平台标签, 环境标记的取值)
PLATFORMS = {
    "Linux x86_64": (_manylinux("x86_64"), {"sys_platform": "linux", "platform_system": "Linux",
                                            "platform_machine": "x86_64", "os_name": "posix"}),
    "Linux aarch64": (_manylinux("aarch64"), {"sys_platform": "linux", "platform_system": "Linux",
                                              "platform_machine": "aarch64", "os_name": "posix"}),
    "macOS arm64": (_macos("arm64"), {"sys_platform": "darwin", "platform_system": "Darwin",
                                      "platform_machine": "arm64", "os_name": "posix"}),
    "Windows x86-64": (["win_amd64"], {"sys_platform": "win32", "platform_system": "Windows",
                                       "platform_machine": "AMD64", "os_name": "nt"}),
    "macOS x86_64": (_macos("x86_64"), {"sys_platform": "darwin", "platform_system": "Darwin",
                                        "platform_machine": "x86_64", "os_name": "posix"}),
}
ENVS = {1: "main", 2: "mxnet"}  # platforms.csv 的第 1、2 列


def rows():
    with open(TABLE, encoding="utf-8") as fh:
        return list(csv.reader(fh))[1:]


def platform_of(name):
    keys = [k for k in PLATFORMS if name.startswith(k)]
    assert len(keys) == 1, f"platforms.csv 的平台 {name!r} 在测试里没有对应的 pip 平台标签"
    return PLATFORMS[keys[0]]


def applicable(env_name, markers):
    """环境 env_name 的 requirements 里适用于目标平台的要求（运行器唯一的读取者 runner.requirements，按目标平台计算环境标记）。"""
    env = {"python_version": PY, "python_full_version": PY + ".9", "implementation_name": "cpython",
           "platform_python_implementation": "CPython", **markers}
    return [req for req in requirements.requirements(env_name)
            if req.name.lower() not in SDIST_ONLY and (req.marker is None or req.marker.evaluate(env))]


def resolve(reqs, tags, tmp_path):
    listing = tmp_path / "requirements.txt"
    listing.write_text("\n".join(str(r).split(";")[0] for r in reqs) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
           "--python-version", PY, "--only-binary=:all:", "--report", str(report), "-r", str(listing)]
    for tag in tags:
        cmd += ["--platform", tag]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return None, r.stderr
    return {canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"]
            for i in json.loads(report.read_text(encoding="utf-8"))["install"]}, r.stderr


def test_table_covers_the_four_reader_platforms():
    names = [r[0] for r in rows()]
    for key in ("Linux x86_64", "Linux aarch64", "macOS arm64", "Windows x86-64"):
        assert any(n.startswith(key) for n in names), f"platforms.csv 缺少 {key}"
        row = next(r for r in rows() if r[0].startswith(key))
        assert row[1].startswith("可以"), f"主环境必须能装在 {key} 上"


CASES = [(r[0], col, r[col]) for r in rows() for col in ENVS]


@pytest.mark.parametrize("name,col,claim", CASES,
                         ids=[f"{n.split('（')[0]}-{requirements.FILES[ENVS[c]]}" for n, c, _ in CASES])
def test_claim_matches_pip_resolver(name, col, claim, tmp_path):
    tags, markers = platform_of(name)
    req_file = requirements.FILES[ENVS[col]]
    reqs = applicable(ENVS[col], markers)
    pinned = {canonicalize_name(r.name): requirements.pinned_version(r) for r in reqs}
    resolved, stderr = resolve(reqs, tags, tmp_path)
    assert claim.startswith(("可以", "不可以")), f"platforms.csv 的 {name} 一格应以“可以”或“不可以”开头：{claim!r}"
    if claim.startswith("可以"):
        assert resolved is not None, f"{name}：表中说 {req_file} 可以安装，pip 解析失败：\n{stderr[-2000:]}"
        for pkg, ver in pinned.items():   # 每个钉死的包都解析到钉死的版本
            assert resolved.get(pkg) == ver, f"{name}：{pkg} 解析为 {resolved.get(pkg)}，钉的是 {ver}"
        named = re.search(r"（([\w.-]+)）", claim)
        if named:
            assert named.group(1) in resolved, f"{name}：表中说装 {named.group(1)}，pip 解析的是 {sorted(resolved)}"
    else:
        assert resolved is None, f"{name}：表中说 {req_file} 不能安装，pip 却解析成功了"
        assert "No matching distribution found for" in stderr, f"{name}：解析失败的原因不是缺少安装包：\n{stderr[-2000:]}"


def test_this_machine_resolves_to_what_is_installed(tmp_path):
    """本机（Linux x86_64）的解析结果与已安装的版本完全相同：加标记没有改变本机的环境。"""
    from importlib.metadata import version

    tags, markers = PLATFORMS["Linux x86_64"]
    reqs = applicable("main", markers)
    resolved, stderr = resolve(reqs, tags, tmp_path)
    assert resolved is not None, stderr
    for pkg in resolved:
        if pkg in {canonicalize_name(r.name) for r in reqs}:
            assert version(pkg) == resolved[pkg], f"{pkg}：已安装 {version(pkg)}，解析为 {resolved[pkg]}"
