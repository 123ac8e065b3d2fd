"""Sphinx 扩展：把 PyPI 包 django-static-mathjax 里的 MathJax 3（es5 构建）复制到生成目录，供 html_static_path 使用。

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


def add_static_path(app, config):
    """读完配置时（在 Sphinx 比较新旧配置之前）把复制好的 MathJax 加进 html_static_path。"""
    path = str(local_mathjax(app.mmdl_settings.gen_dir / "mathjax"))
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def setup(app):
    # 在 examples_ext 按 Sphinx 配置设好运行器（生成目录）之后
    app.connect("config-inited", add_static_path, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
