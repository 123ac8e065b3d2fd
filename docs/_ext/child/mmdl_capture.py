"""在子进程里运行一个示例：保存图片、记录用到的库，并守住输出目录。

用法（由运行器调用，示例文件本身不含任何框架代码）::

    python mmdl_capture.py <示例.py> [参数…]

- 作为 matplotlib 后端（``MPLBACKEND=module://mmdl_capture``）时，``plt.show()``
  把所有打开的图保存为 ``$MMDL_FIG_DIR/fig-N.png``，再把同一批图对象换成深色样式存为
  ``$MMDL_FIG_DIR/dark/fig-N.png``（页面的深色模式用，见 _dark_style），然后关闭它们，不会阻塞。
- 缺字（"Glyph … missing from font"）的警告变成错误。
- 审计钩子：以写方式打开输出目录之外的文件、或尝试联网，立即以退出码 97 结束。
- 结束时把示例导入的本仓库模块、第三方库版本、是否用了 matplotlib 写进 ``$MMDL_META``。
"""
import json
import os
import sys
import time

from matplotlib.backend_bases import FigureManagerBase as FigureManager  # noqa: F401
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas  # noqa: F401

VIOLATION_EXIT = 97
_state = {"count": 0, "titles": [], "reads": set(), "dark_cpu": 0.0}  # dark_cpu：深色版本花的 CPU 秒（make bench）


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
        fig = plt.figure(num)
        light, dark = os.path.join(fig_dir, f"fig-{_state['count']}.png"), os.path.join(fig_dir, "dark", f"fig-{_state['count']}.png")
        with _watch_light_save(fig) as seen:
            fig.savefig(light)
        t0 = time.process_time()
        _save_dark(fig, dark, seen)  # [dark] 同一个图对象，深色样式再存一份（示例不重新运行）
        _state["dark_cpu"] += time.process_time() - t0
    plt.close("all")


class _watch_light_save:
    """[dark] 存浅色图时顺便记下深色版本要用的两样东西，不改变浅色图本身：
    每段文字下面是什么（浅色图画完那一刻，draw_event；bbox tight 时最后一次才是真画）与 bbox tight 算出的
    裁剪框（深色版本直接用它：大小与浅色图完全相同，也省掉再算一遍）。"""

    def __init__(self, fig):
        self.fig, self.seen = fig, {"where": {}, "tight": None}

    def __enter__(self):
        fig, seen = self.fig, self.seen
        self.cid = fig.canvas.mpl_connect("draw_event", lambda ev: seen["where"].update(_where_texts_sit(fig, ev.renderer)))
        upstream = fig.get_tightbbox

        def get_tightbbox(*args, **kwargs):
            seen["tight"] = upstream(*args, **kwargs)
            return seen["tight"]
        fig.get_tightbbox = get_tightbbox
        return seen

    def __exit__(self, *exc):
        self.fig.canvas.mpl_disconnect(self.cid)
        del self.fig.get_tightbbox


def _save_dark(fig, path, seen):
    """[dark] 把图改成深色样式存到 path。排版沿用浅色图的（只改颜色，位置不变）：不再跑布局引擎，
    bbox tight 用浅色图算出的框加同样的留白。"""
    import matplotlib as mpl

    _dark_style(fig, seen["where"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    kwargs = {}
    if mpl.rcParams["savefig.bbox"] == "tight" and seen["tight"] is not None:
        pad = mpl.rcParams["savefig.pad_inches"]
        kwargs["bbox_inches"] = seen["tight"].padded(pad if pad != "layout" else 0)
    try:
        fig.set_layout_engine("none")
    except (RuntimeError, ValueError):
        pass
    fig.savefig(path, **kwargs)


# ---- [dark] 深色版本：同一批图对象换成深色样式再存一份 $MMDL_FIG_DIR/dark/fig-N.png ----
# 页面在深色模式下显示它（docs/_ext/examples_ext.py 用 <picture>）；浅色图、PDF、EPUB、下载都不受影响。
# 做法：只改颜色，不改任何数据。底色换成深色页面的底色；文字、刻度、边框、网格、图例框变浅；
# 数据的线条、点、条块保持原来的色相，只有与深色底对比度不够时才调亮；
# 浅色的“纸面”填充（白框、淡色方块）换成同色相的深色；图片与颜色条（imshow、pcolormesh、等高线）
# 不动，数值与颜色的对应不变——唯一的例外是“白纸黑字”的灰度色图（gray_r、Greys、binary）换成
# 反向的同一色图：墨迹仍是与底色反差最大的颜色，颜色条随之重画，读数不变。

DARK_BG = "#1b1d21"        # 与 docs/_static/mmdl.css 的 --mmdl-page-bg 深色值相同
TEXT_CONTRAST = 7.0        # 图里的文字（标题、坐标轴、刻度、图例）与底色的对比度：黑字变成 #a9a9a9 一类的浅灰
PAPER_LIGHTNESS = 0.72      # 比它亮的填充算“纸面”（白底、淡色方框）；数据常用的 tab10 等颜色都在它以下
PAPER_CMAPS = {"gray_r": "gray", "Greys": "Greys_r", "binary": "binary_r", "bone_r": "bone", "Greys_r": None}


def _lum(rgb):
    """WCAG 相对亮度。"""
    def ch(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b):
    la, lb = _lum(a), _lum(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _lighten(rgba, bg, ratio):
    """与 bg 的对比度不到 ratio 时，保持色相、提高明度（bg 浅时降低），直到够为止。"""
    import colorsys

    if rgba[3] == 0 or _contrast(rgba, bg) >= ratio:
        return rgba
    h, lum, s = colorsys.rgb_to_hls(*rgba[:3])
    up = _lum(bg) < 0.18
    for _ in range(40):
        lum = min(1.0, lum + 0.025) if up else max(0.0, lum - 0.025)
        rgb = colorsys.hls_to_rgb(h, lum, s)
        if _contrast(rgb, bg) >= ratio or lum in (0.0, 1.0):
            break
    return (*rgb, rgba[3])


def _paper(rgba):
    """浅色的“纸面”填充（白、淡色，HLS 明度 > PAPER_LIGHTNESS）：换成同色相的深色；其他填充原样返回。"""
    import colorsys

    h, lum, s = colorsys.rgb_to_hls(*rgba[:3])
    if rgba[3] == 0 or lum <= PAPER_LIGHTNESS:
        return rgba
    return (*colorsys.hls_to_rgb(h, 0.11 + (1 - lum) * 0.9, min(s, 0.45)), rgba[3])


def _fill(rgba, bg):
    """条块、方框等的填充：纸面变深，太暗（与底色几乎一样）的调亮一些。"""
    out = _paper(rgba)
    return _lighten(out, bg, 1.8) if out is rgba else out


def _edge(rgba, bg, ratio=3.0):
    """线与边：近白的分隔线（白边）换成底色，其余不够醒目的调亮。"""
    import colorsys

    if rgba[3] and colorsys.rgb_to_hls(*rgba[:3])[1] > 0.92:
        from matplotlib.colors import to_rgba
        return to_rgba(bg, rgba[3]) if _edge.paper_edges else rgba
    return _lighten(rgba, bg, ratio)


_edge.paper_edges = True


def _map(colors, fn):
    import numpy as np
    from matplotlib.colors import to_rgba_array

    arr = to_rgba_array(colors)
    return np.array([fn(tuple(c)) for c in arr]) if len(arr) else arr


def _dark_style(fig, where):
    """把图 fig 就地改成深色样式（只改颜色）；where 是 _where_texts_sit 的结果。"""
    from matplotlib import patches as mpatches
    from matplotlib.axes import Axes
    from matplotlib.collections import Collection, LineCollection, PathCollection, QuadMesh
    from matplotlib.colors import ListedColormap, to_rgba, to_rgba_array
    from matplotlib.figure import FigureBase
    from matplotlib.image import AxesImage, FigureImage
    from matplotlib.lines import Line2D
    from matplotlib.spines import Spine
    from matplotlib.text import Annotation, Text

    bg = to_rgba(DARK_BG)
    artists = fig.findobj()
    # 1. “白纸黑字”的灰度图换成反向色图，颜色条随之重画（先做：重画会重建颜色条里的部分元素）
    flipped = False
    for a in artists:
        if isinstance(a, (AxesImage, FigureImage, Collection)) and a.get_array() is not None:
            cmap = a.get_cmap()
            if cmap is not None and PAPER_CMAPS.get(cmap.name):
                a.set_cmap(PAPER_CMAPS[cmap.name])
                flipped = True
            elif isinstance(cmap, ListedColormap) and cmap.N <= 12:
                # 几种淡色的类别色（如 KNN 的决策区域）：同一色相的深色，类别与颜色的对应不变
                colors = [to_rgba(c) for c in to_rgba_array(cmap.colors)]
                if all(_paper(c) is not c for c in colors):
                    a.set_cmap(ListedColormap([_paper(c) for c in colors], name=cmap.name + "_dark"))
                    flipped = True
    if flipped:
        for ax in fig.get_axes():
            cbar = getattr(ax, "_colorbar", None)
            if cbar is not None and cbar.mappable.get_cmap().name != cbar.cmap.name:
                cbar.update_normal(cbar.mappable)
        artists = fig.findobj()
    # 2. 图、子图、坐标系的底色
    backgrounds = {}
    for obj in fig.findobj(lambda a: isinstance(a, (FigureBase, Axes))):
        face = to_rgba(obj.patch.get_facecolor())
        new = bg if face[3] == 0 or _paper(face) is not face else _fill(face, bg)
        obj.patch.set_facecolor(new)
        backgrounds[id(obj.patch)] = new
    # 3. 边框、线、点、条块
    for a in artists:
        if isinstance(a, (AxesImage, FigureImage, QuadMesh)) or id(a) in backgrounds:
            continue
        if isinstance(a, Spine):
            a.set_edgecolor(_edge(to_rgba(a.get_edgecolor()), bg, 4.5))
        elif isinstance(a, (mpatches.FancyArrowPatch, mpatches.FancyArrow, mpatches.Arrow)):
            a.set_edgecolor(_lighten(to_rgba(a.get_edgecolor()), bg, 3.0))
            if a.get_fill():
                a.set_facecolor(_lighten(to_rgba(a.get_facecolor()), bg, 3.0))
        elif isinstance(a, mpatches.Patch):
            a.set_edgecolor(_edge(to_rgba(a.get_edgecolor()), bg))
            if a.get_fill() and a.get_facecolor()[3] > 0:
                a.set_facecolor(_fill(to_rgba(a.get_facecolor()), bg))
        elif isinstance(a, Line2D):
            a.set_color(_lighten(to_rgba(a.get_color()), bg, 3.0))
            for get, put in ((a.get_markerfacecolor, a.set_markerfacecolor),
                             (a.get_markeredgecolor, a.set_markeredgecolor)):
                c = get()
                if not (isinstance(c, str) and c == "none"):
                    put(_edge(to_rgba(c), bg))
        elif isinstance(a, Collection):
            line_like = isinstance(a, (LineCollection, PathCollection))  # 线、散点：调亮；多边形：按填充处理
            if a.get_array() is None and len(a.get_facecolor()):
                a.set_facecolor(_map(a.get_facecolor(), (lambda c: _lighten(c, bg, 3.0)) if line_like
                                     else (lambda c: _fill(c, bg))))
            ec = a.get_edgecolor()
            if not isinstance(ec, str) and len(ec):
                a.set_edgecolor(_map(ec, (lambda c: _lighten(c, bg, 3.0)) if isinstance(a, LineCollection)
                                     else (lambda c: _edge(c, bg))))
    # 4. 文字：与它下面（深色版本里）的颜色至少 TEXT_CONTRAST；下面是什么，由浅色图画完时的位置决定（_where_texts_sit）
    for a in artists:
        if isinstance(a, Annotation) and a.arrow_patch is not None:
            a.arrow_patch.set_edgecolor(_lighten(to_rgba(a.arrow_patch.get_edgecolor()), bg, 3.0))
            a.arrow_patch.set_facecolor(_lighten(to_rgba(a.arrow_patch.get_facecolor()), bg, 3.0))
        if not (isinstance(a, Text) and a.get_text().strip()):
            continue
        patch = a.get_bbox_patch()
        if patch is not None and patch.get_fill():        # 自己的底框（bbox=dict(...)）
            under = _fill(to_rgba(patch.get_facecolor()), bg)
            patch.set_facecolor(under)
            patch.set_edgecolor(_edge(to_rgba(patch.get_edgecolor()), bg))
        else:
            kind, obj = where.get(id(a), ("figure", None))
            if kind == "image":                           # 压在图片/色块上的数据标注：颜色是按图片选的，不改
                continue
            under = to_rgba(obj.get_facecolor()) if kind == "box" else (
                to_rgba(obj.patch.get_facecolor()) if kind == "axes" else to_rgba(fig.patch.get_facecolor()))
        a.set_color(_lighten(to_rgba(a.get_color()), under, TEXT_CONTRAST))


def _where_texts_sit(fig, renderer):
    """每段文字下面是什么：{id(文字): (种类, 对象)}，种类是 image（图片、色块）、box（填充块，取最上面的）、
    axes（坐标系的底）或 figure。在浅色图画完的那一刻（draw_event）调用：这时文字、块、坐标系的位置都是
    同一次排版的像素坐标，不必再排一次版。"""
    from matplotlib import patches as mpatches
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection, QuadMesh
    from matplotlib.figure import FigureBase
    from matplotlib.legend import Legend
    from matplotlib.spines import Spine
    from matplotlib.text import Text

    own = {id(o.patch) for o in fig.findobj(lambda a: isinstance(a, (FigureBase, Axes)))}
    boxes = []
    for i, b in enumerate(fig.findobj(mpatches.Patch)):
        if (id(b) in own or isinstance(b, (Spine, mpatches.FancyArrowPatch)) or not b.get_visible()
                or not b.get_fill() or b.get_facecolor()[3] == 0):
            continue
        try:
            ext = b.get_window_extent(renderer)
        except Exception:   # noqa: BLE001
            continue
        clip = b.get_clip_box() if b.get_clip_on() else None
        boxes.append((b.get_zorder(), i, b, ext, clip))
    # 图例里的文字压在图例框上，不算压在图片上（图例常常放在热力图、决策区域里面）
    legend_texts = {id(t) for lg in fig.findobj(Legend) for t in [*lg.get_texts(), lg.get_title()]}
    images = {}
    where = {}
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip():
            continue
        try:   # 文字实际画出的位置（中心），不是锚点：刻度标签、标题的锚点正好压在坐标系的边上
            e = t.get_window_extent(renderer)
        except Exception:   # noqa: BLE001
            continue
        x, y = (e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2
        ax = t.axes
        inside = ax is not None and ax.bbox.contains(x, y)
        if inside and id(t) not in legend_texts:
            if ax not in images:   # 图片、色块、填色的等高线（按数值上色的散点不算：点之间是底色）
                images[ax] = []
                for m in [*ax.images, *(c for c in ax.collections if isinstance(c, QuadMesh) or (
                        c.get_array() is not None and not isinstance(c, PathCollection)))]:
                    try:
                        images[ax].append(m.get_window_extent(renderer))
                    except Exception:   # noqa: BLE001
                        continue
            if any(ext.contains(x, y) for ext in images[ax]):
                where[id(t)] = ("image", None)
                continue
        hits = [(z, i, b) for z, i, b, ext, clip in boxes
                if ext.contains(x, y) and (clip is None or clip.contains(x, y)) and b.contains_point((x, y))]
        if hits:
            where[id(t)] = ("box", max(hits, key=lambda h: h[:2])[2])   # 同一层时后画的在上面
        elif inside and ax.patch.get_visible():
            where[id(t)] = ("axes", ax)
        else:
            where[id(t)] = ("figure", None)
    return where

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
    # MMDL_STANDALONE：运行的是下载的独立文件（tests/site/test_downloads.py），它自己调用内联的那份，本仓库的 mmdl 不在路径上
    if "matplotlib" in _libraries() and not os.environ.get("MMDL_STANDALONE"):
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
    info["dark_cpu"] = round(_state["dark_cpu"], 3)  # [dark] 深色版本的成本（make bench 对照 ≤ 10 %）
    with open(os.environ["MMDL_META"], "w", encoding="utf-8") as fh:
        json.dump(info, fh)
    return code


if __name__ == "__main__":
    # 让 matplotlib 通过 MPLBACKEND=module://mmdl_capture 找到同一个模块对象。
    sys.modules["mmdl_capture"] = sys.modules["__main__"]
    sys.exit(main())
