"""把 PyPI 包 django-static-mathjax 里的 MathJax 3（es5 构建）复制到生成目录，供 html_static_path 使用。

只复制 TeX→CommonHTML 所需的部分（不含 24 MB 里占大头的语音引擎 sre）。读者离线也能看公式。
"""
import shutil
from pathlib import Path

KEEP = ("tex-chtml.js", "startup.js", "core.js", "loader.js", "input", "output", "ui", "a11y", "adaptors")


def local_mathjax(dest):
    import mathjax  # django-static-mathjax

    src = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    version = (Path(mathjax.__file__).parent / "static" / "mathjax" / "package.json").read_bytes()
    target = Path(dest) / "mathjax"
    marker = Path(dest).with_name(Path(dest).name + ".version")
    if not marker.exists() or marker.read_bytes() != version:
        shutil.rmtree(dest, ignore_errors=True)
        target.mkdir(parents=True)
        for name in KEEP:
            s = src / name
            (shutil.copytree if s.is_dir() else shutil.copy2)(s, target / name)
        marker.write_bytes(version)
    return Path(dest)
