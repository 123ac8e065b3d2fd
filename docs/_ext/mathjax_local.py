"""Sphinx 扩展：把 PyPI 包 django-static-mathjax 里的 MathJax 3（es5 构建）复制到本机的缓存目录
（MMDL_CACHE_DIR，默认在生成目录里），供 html_static_path 使用。

只复制 TeX→CommonHTML 所需的部分（不含 24 MB 里占大头的语音引擎 sre）。读者离线也能看公式。
"""
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

KEEP = ("tex-chtml.js", "startup.js", "core.js", "loader.js", "input", "output", "ui", "a11y", "adaptors")


def local_mathjax(root):
    """root/<版本>/mathjax/（其下是 mathjax/tex-chtml.js 等）：按版本复制一次，之后直接用。

    几个构建共用一个缓存目录（MMDL_CACHE_DIR）时可以同时调用：各自复制到临时目录，再原子地改名；
    目录一出现就是完整的。返回的目录名是 mathjax（EPUB 按这个名字把它从静态文件里去掉）。
    """
    import mathjax  # django-static-mathjax

    src = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    version = (Path(mathjax.__file__).parent / "static" / "mathjax" / "package.json").read_bytes()
    tag = hashlib.sha256(version).hexdigest()[:12]
    dest = Path(root) / tag / "mathjax"
    if dest.is_dir():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".copy-", dir=dest.parent))
    try:
        (tmp / "mathjax").mkdir()
        for name in KEEP:
            s = src / name
            (shutil.copytree if s.is_dir() else shutil.copy2)(s, tmp / "mathjax" / name)
        try:
            os.rename(tmp, dest)
        except OSError:
            if not dest.is_dir():  # 不是另一个构建抢先换上了
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in Path(root).iterdir():  # 旧版本的副本
        if old.name != tag:
            shutil.rmtree(old, ignore_errors=True)
    return dest


def add_static_path(app, config):
    """读完配置时（在 Sphinx 比较新旧配置之前）把复制好的 MathJax 加进 html_static_path。"""
    path = str(local_mathjax(app.mmdl_settings.cache_dir / "mathjax"))
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def setup(app):
    # 在 examples_ext 按 Sphinx 配置设好运行器（生成目录）之后
    app.connect("config-inited", add_static_path, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
