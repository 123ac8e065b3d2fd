"""本站示例的画图样式：中文字体与几项统一的外观设置。

matplotlib 默认的 DejaVu Sans 没有汉字，中文标签会画成方框。``use_site_style()`` 从下面
按操作系统列出的常见中文字体里挑第一个已经安装的，设为默认字体；一个也没有时只打印一行
安装提示。构建网站时，每个画图的示例运行前都调用它；下载的 ``.py`` 与 ``.ipynb`` 内联了
同一个函数并同样调用它，所以在读者的 Linux、macOS、Windows 上效果相同。

直接运行本文件（``python examples/mmdl/style.py``）检查本机有没有中文字体：
没有时以退出码 1 结束，并说明各个系统上该装什么。``make html`` 运行示例之前先做这个检查。
"""
import sys

# 各系统常见的中文字体（matplotlib 看到的字体名），按优先顺序。
CJK_FONTS = {
    "linux": ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
              "WenQuanYi Zen Hei", "Droid Sans Fallback"),
    "darwin": ("PingFang SC", "Hiragino Sans GB", "Heiti SC", "Heiti TC", "STHeiti", "Songti SC",
               "Arial Unicode MS"),
    "win32": ("Microsoft YaHei", "SimHei", "DengXian", "SimSun"),
}
# 没有中文字体时，每个系统上该装什么。
FONT_HINTS = {
    "linux": "Debian/Ubuntu: sudo apt install fonts-wqy-microhei；Fedora: sudo dnf install wqy-microhei-fonts",
    "darwin": "macOS: 系统自带 Hiragino Sans GB 与 PingFang SC；若已删除，可 brew install --cask font-noto-sans-cjk-sc",
    "win32": "Windows: 设置 → 系统 → 可选功能 → 添加“中文(简体)补充字体”（Microsoft YaHei、SimHei）",
}
# 与仓库根目录的 matplotlibrc 相同的外观设置（测试核对两者一致）。
SITE_RC = {"axes.unicode_minus": False, "figure.figsize": [6.4, 4.0], "figure.dpi": 100.0,
           "savefig.dpi": 110.0, "savefig.bbox": "tight", "axes.grid": True, "grid.alpha": 0.3}


def _os_key():
    return sys.platform if sys.platform in ("darwin", "win32") else "linux"


def find_cjk_font(rescan=False):
    """本机第一个已安装的中文字体名（本系统的常见字体优先），没有时返回 None。

    matplotlib 把字体列表缓存起来；缓存建立之后才安装的字体不在其中，所以找不到时
    （或 ``rescan=True`` 时）再直接扫描一遍系统字体目录，找到就加进 matplotlib。
    """
    from matplotlib import font_manager

    wanted = list(CJK_FONTS[_os_key()]) + [n for k, v in CJK_FONTS.items() if k != _os_key() for n in v]
    known = {f.name for f in font_manager.fontManager.ttflist}
    found = None if rescan else next((n for n in wanted if n in known), None)
    if found is None:
        on_disk = {}
        for path in font_manager.findSystemFonts():
            try:
                on_disk.setdefault(font_manager.get_font(path).family_name, path)
            except (OSError, RuntimeError, ValueError):
                continue
        found = next((n for n in wanted if n in on_disk), None)
        if found is not None and found not in known:
            font_manager.fontManager.addfont(on_disk[found])
    return found


def use_site_style():
    """设置中文字体与本站统一的图形外观，返回所用的中文字体名；没有中文字体时返回 None。"""
    import warnings

    import matplotlib as mpl

    mpl.rcParams.update(SITE_RC)
    font = find_cjk_font()
    if font is None:
        print(f"未找到中文字体，图中的汉字会显示为方框。请安装一个：{FONT_HINTS[_os_key()]}", file=sys.stderr)
        warnings.filterwarnings("ignore", message=r"[Gg]lyph .*missing from")   # 上面一行已经说明
        return None
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    return font


def _check():
    font = find_cjk_font(rescan=True)
    if font is None:
        print("错误：本机没有中文字体，示例图中的汉字会画成方框，网站无法构建。请先安装一个，再运行 make html：\n"
              "  Debian/Ubuntu: sudo apt install fonts-wqy-microhei\n"
              "  Fedora:        sudo dnf install wqy-microhei-fonts\n"
              "  macOS:         系统自带（Hiragino Sans GB）；若已删除：brew install --cask font-noto-sans-cjk-sc\n"
              "  Windows:       设置 → 系统 → 可选功能 → 添加“中文(简体)补充字体”", file=sys.stderr)
        return 1
    print(f"中文字体：{font}")
    return 0


if __name__ == "__main__":
    sys.exit(_check())
