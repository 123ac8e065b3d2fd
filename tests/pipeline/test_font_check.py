"""没有中文字体时：make html 在运行任何示例之前就停下，一条消息说明各系统该装什么；
下载的脚本只打印一行安装提示、不出 traceback 也不刷屏；字体装好后旧的字体缓存不碍事。

“没有中文字体”用挂载命名空间模拟：``unshare -m`` 里把一个空目录绑定挂载到每个含中文字体的
目录上，只有这个进程树看不到它们。需要 root 与 unshare；做不到时跳过并说明原因，
--strict-skips（CI）时改为失败。
"""
import os
import runpy
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
STYLE = runpy.run_path(str(ROOT / "examples" / "mmdl" / "style.py"))
PYTHON = os.environ.get("MMDL_PYTHON") or sys.executable
CHINESE = "深度学习：损失函数与准确率"


def _cjk_dirs():
    from matplotlib import font_manager

    names = {n for v in STYLE["CJK_FONTS"].values() for n in v}
    dirs = set()
    for path in font_manager.findSystemFonts():
        try:
            if font_manager.get_font(path).family_name in names:
                dirs.add(os.path.dirname(os.path.realpath(path)))
        except (OSError, RuntimeError, ValueError):
            continue
    return sorted(dirs)


def _can_unshare():
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "需要 root 与 unshare 才能在挂载命名空间里隐藏字体"
    r = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return None if r.returncode == 0 else f"unshare -m 失败：{r.stderr.decode(errors='replace').strip()}"


REASON = _can_unshare()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def without_cjk_fonts(cmd, tmp_path, **kw):
    """在看不到任何中文字体的挂载命名空间里运行 cmd。"""
    dirs = _cjk_dirs()
    assert dirs, "本机本来就没有中文字体，测试无从隐藏"
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    mounts = "; ".join(f"mount --bind '{empty}' '{d}'" for d in dirs)
    return subprocess.run(["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh", *cmd],
                          capture_output=True, text=True, timeout=300, **kw)


def test_make_html_stops_before_any_example_without_cjk_font(tmp_path):
    build = tmp_path / "build"
    t0 = time.monotonic()
    # 自己的 BUILDDIR：没有字体时建的 matplotlib 字体缓存不进共用的缓存，万一开始构建也不碰会话的 _build
    r = without_cjk_fonts(["make", "-s", "html", "ENVS=", f"BUILDDIR={build}", f"PYTHON={PYTHON}"], tmp_path, cwd=ROOT)
    took = time.monotonic() - t0
    out = r.stdout + r.stderr
    assert r.returncode != 0
    for where in ("Debian/Ubuntu", "fonts-wqy-microhei", "Fedora", "macOS", "Windows"):
        assert where in out, f"消息里没有 {where}：\n{out}"
    assert "Traceback" not in out
    assert not (build / "html").exists() and not (build / "examples").exists(), "字体检查失败后仍然开始了构建"
    assert took < 120


def test_make_font_check_passes_with_the_font(tmp_path):
    from support import SETTINGS

    # 本次测试的 BUILDDIR（make html 之后字体检查的缓存是热的）
    r = subprocess.run(["make", "-s", "font-check", "ENVS=", f"BUILDDIR={SETTINGS.gen_dir}", f"PYTHON={PYTHON}"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "中文字体：" in r.stdout


def test_download_without_font_says_one_line_and_still_runs(tmp_path):
    """下载的脚本在没有中文字体的机器上：一行安装提示，没有 traceback、没有成串的缺字警告。"""
    import downloads
    from support import SETTINGS

    script = tmp_path / "dataframe_plot.py"
    script.write_text(downloads.standalone(SETTINGS, "libraries/pandas/dataframe_plot.py")[0], encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    r = without_cjk_fonts([PYTHON, "-I", script.name], tmp_path, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines()   # 第一次运行时 matplotlib 自己说明在建字体缓存
             if line.strip() and not line.startswith("Matplotlib is building the font cache")]
    assert len(lines) == 1 and lines[0].startswith("未找到中文字体"), r.stderr
    assert "fonts-wqy-microhei" in lines[0]


def test_font_installed_after_the_cache_was_built_is_found(tmp_path):
    """读者先在没有字体时运行过（matplotlib 建了不含中文字体的缓存），装上字体后再运行：直接就能用。"""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    r = without_cjk_fonts([PYTHON, "-I", "-c", "import matplotlib.font_manager"], tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "mpl").glob("fontlist-*.json")), "没有建立字体缓存"
    probe = (f"import runpy, warnings; s = runpy.run_path({str(ROOT / 'examples/mmdl/style.py')!r}); "
             "font = s['use_site_style'](); print(font)\n"
             "import matplotlib.pyplot as plt\nwarnings.simplefilter('error')\n"
             f"fig, ax = plt.subplots(); ax.set_title({CHINESE!r}); fig.canvas.draw()")
    r = subprocess.run([PYTHON, "-I", "-c", probe], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() in {n for v in STYLE["CJK_FONTS"].values() for n in v}
