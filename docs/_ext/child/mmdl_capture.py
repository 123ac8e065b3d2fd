"""在子进程里运行一个示例：保存图片、记录用到的库，并守住输出目录。

用法（由运行器调用，示例文件本身不含任何框架代码）::

    python mmdl_capture.py <示例.py> [参数…]

- 作为 matplotlib 后端（``MPLBACKEND=module://mmdl_capture``）时，``plt.show()``
  把所有打开的图保存为 ``$MMDL_FIG_DIR/fig-N.png`` 并关闭它们，不会阻塞。
- 缺字（"Glyph … missing from font"）的警告变成错误。
- 审计钩子：以写方式打开输出目录之外的文件、或尝试联网，立即以退出码 97 结束。
- 结束时把示例导入的本仓库模块、第三方库版本、是否用了 matplotlib 写进 ``$MMDL_META``。
"""
import json
import os
import sys

from matplotlib.backend_bases import FigureManagerBase as FigureManager  # noqa: F401
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas  # noqa: F401

VIOLATION_EXIT = 97
_state = {"count": 0, "titles": [], "reads": set()}


def _describe(fig):
    """[reader] 图自己的标题：总标题（suptitle）与各子图的标题、坐标轴名，供页面做替代文字和图注。"""
    sup = fig._suptitle.get_text().strip() if getattr(fig, "_suptitle", None) else ""
    axes = []
    for ax in fig.get_axes():
        title = " ".join(t for t in (ax.get_title(loc).strip() for loc in ("left", "center", "right")) if t)
        axes.append({"title": title, "xlabel": ax.get_xlabel().strip(), "ylabel": ax.get_ylabel().strip()})
    return {"suptitle": sup, "axes": axes}


def show(*args, **kwargs):
    """plt.show()：保存并关闭所有图。"""
    import matplotlib.pyplot as plt

    fig_dir = os.environ["MMDL_FIG_DIR"]
    for num in plt.get_fignums():
        _state["count"] += 1
        _state["titles"].append(_describe(plt.figure(num)))  # [reader]
        plt.figure(num).savefig(os.path.join(fig_dir, f"fig-{_state['count']}.png"))
    plt.close("all")


def _allowed_roots():
    keys = ("MMDL_WORK_DIR", "MMDL_FIG_DIR", "MMDL_META", "TMPDIR", "MPLCONFIGDIR", "KERAS_HOME")
    roots = [os.path.realpath(os.environ[k]) for k in keys if os.environ.get(k)]
    return tuple(roots) + ("/dev/",)


def _install_guard():
    roots = _allowed_roots()
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def deny(what):
        sys.stderr.write(f"MMDL-VIOLATION: {what}\n")
        sys.stderr.flush()
        os._exit(VIOLATION_EXIT)

    def check_path(path, what):
        if isinstance(path, int):
            return
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        real = os.path.realpath(os.fspath(path))
        if not any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots):
            deny(f"{what} {real}（只允许写示例的输出目录）")

    project = os.path.dirname(os.path.realpath(os.environ["MMDL_EXAMPLES_DIR"])) + os.sep
    not_inputs = tuple(r.rstrip("/") + "/" for r in roots) + tuple(
        os.path.realpath(p) + os.sep for p in {sys.prefix, sys.base_prefix})

    def note_read(path):
        """示例读的本项目文件（数据、requirements……）也是输入：记下来，进结果键。"""
        if isinstance(path, int) or path is None:
            return
        real = os.path.realpath(os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path))
        if (real.startswith(project) and not real.startswith(not_inputs)
                and "__pycache__" not in real and os.path.isfile(real)):
            _state["reads"].add(real)

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            writing = any(c in (mode or "") for c in "wax+") or (
                mode is None and isinstance(flags, int) and flags & write_flags)
            if writing and path is not None:
                check_path(path, "写文件")
            elif not writing:
                note_read(path)
        elif event in ("os.remove", "os.rmdir", "os.mkdir", "os.truncate", "shutil.rmtree"):
            check_path(args[0], "修改文件系统")
        elif event in ("os.rename", "os.replace"):
            check_path(args[0], "移动文件")
            check_path(args[1], "移动文件")
        elif event in ("socket.connect", "socket.getaddrinfo"):
            deny(f"联网 {args[1] if event == 'socket.connect' else args[0]!r}（示例必须离线运行）")

    sys.addaudithook(hook)


def _libraries():
    """示例 import 了的库：{导入名: 发行包名}。运行器解析示例一次（runner/source.py），经 MMDL_LIBRARIES 传来。"""
    return json.loads(os.environ.get("MMDL_LIBRARIES") or "{}")


def _record(script):
    """记录示例导入的本仓库模块（用于判断输出是否过期）和第三方库版本。"""
    from importlib import metadata

    examples = os.path.realpath(os.environ["MMDL_EXAMPLES_DIR"])
    deps = set()
    for mod in list(sys.modules.values()):
        f = getattr(mod, "__file__", None)
        if f and os.path.realpath(f).startswith(examples + os.sep):
            rel = os.path.relpath(os.path.realpath(f), examples)
            if rel != os.path.relpath(os.path.realpath(script), examples):
                deps.add(rel)
    for real in _state["reads"]:  # 读过的本项目文件（相对 examples/，可以是 ../requirements.txt）
        if real != os.path.realpath(script):
            deps.add(os.path.relpath(real, examples))
    used, direct = {}, _libraries()
    for dist in direct.values():
        for name in (dist, dist + "-cpu"):
            try:
                used[dist] = metadata.version(name)
                break
            except metadata.PackageNotFoundError:
                continue
    used["python"] = ".".join(map(str, sys.version_info[:3]))
    # 只有用了 matplotlib 的示例，输出才取决于 matplotlibrc 与系统字体（本模块自己总会导入 matplotlib）
    plots = "matplotlib.pyplot" in sys.modules or "matplotlib" in direct
    return {"deps": sorted(deps), "used": used, "matplotlib": plots}


def main():
    import runpy
    import warnings

    script = os.path.realpath(sys.argv[1])
    sys.argv = [script] + sys.argv[2:]
    sys.path[0] = os.path.dirname(script)
    warnings.filterwarnings("error", message=r".*[Gg]lyph .*missing from")
    # 画图的示例先设置中文字体与本站的图形样式；下载的 .py/.ipynb 内联同一个函数并同样调用它
    # （docs/_ext/downloads.py）。没有中文字体时它打印一行安装提示，这里就让示例失败。
    if "matplotlib" in _libraries():
        from mmdl.style import use_site_style
        if use_site_style() is None:
            return 1
    _install_guard()
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    if code == 0 and "matplotlib.pyplot" in sys.modules:
        show()
    sys.stdout.flush()
    info = _record(script)
    info["figures"] = _state["count"]
    info["figure_titles"] = _state["titles"]  # [reader] 每张图的标题（examples_ext 用作 alt 与图注）
    with open(os.environ["MMDL_META"], "w", encoding="utf-8") as fh:
        json.dump(info, fh)
    return code


if __name__ == "__main__":
    # 让 matplotlib 通过 MPLBACKEND=module://mmdl_capture 找到同一个模块对象。
    sys.modules["mmdl_capture"] = sys.modules["__main__"]
    sys.exit(main())
