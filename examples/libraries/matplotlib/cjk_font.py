# env: main
"""中文字体：检查配置的字体是否真的包含要显示的汉字。

matplotlib 默认的 DejaVu Sans 没有汉字，中文会画成方块并发出 “Glyph ... missing from
font(s)” 警告。本站的示例把 ``font.family`` 设为 sans-serif，并在 ``font.sans-serif`` 里把
CJK 字体排在最前面（仓库根目录的 ``matplotlibrc`` 也这样写）；matplotlib 取列表里第一个**已安装**的字体。
这个示例用 ``font_manager.findfont`` 找到实际使用的字体文件，再用 FT2Font 的
``get_char_index`` 逐字检查（返回 0 表示字体里没有这个字）；缺字时以非零状态退出。
"""
import argparse
import os
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

DEFAULT_TEXT = "深度学习：损失函数、准确率与梯度下降（训练集／测试集）"


def installed_fonts(names):
    """font.sans-serif 里每个名字对应的字体文件；没装的为 None。"""
    found = {}
    for name in names:
        try:
            prop = font_manager.FontProperties(family=[name])
            found[name] = font_manager.findfont(prop, fallback_to_default=False)
        except ValueError:
            found[name] = None
    return found


def resolve_fonts(families):
    """font.family 中每一项实际对应的字体文件（泛称 sans-serif 取列表里第一个已安装的）。"""
    return [font_manager.findfont(font_manager.FontProperties(family=[f])) for f in families]


def missing_glyphs(text, families=None):
    """text 中在这些字体里都找不到字形的字符（matplotlib 会按 font.family 的顺序回退）。"""
    families = families or mpl.rcParams["font.family"]
    fonts = [FT2Font(path) for path in resolve_fonts(families)]
    return sorted({ch for ch in text if not ch.isspace() and all(f.get_char_index(ord(ch)) == 0 for f in fonts)})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", default=DEFAULT_TEXT, help="要检查的中文字符串")
    parser.add_argument("--family", action="append", help="要检查的字体族（可重复；默认用 rcParams['font.family']）")
    args = parser.parse_args(argv)
    families = args.family or mpl.rcParams["font.family"]

    print("font.family:", mpl.rcParams["font.family"])
    for name, path in installed_fonts(mpl.rcParams["font.sans-serif"]).items():
        print(f"  {name:<20} {'已安装: ' + os.path.basename(path) if path else '未安装'}")

    path = resolve_fonts(families)[0]
    font = FT2Font(path)
    print("检查的字体族:", families)
    print("实际使用的字体:", font.family_name, "-", os.path.basename(path))
    print("字体包含 U+2212 减号:", font.get_char_index(0x2212) != 0)

    missing = missing_glyphs(args.text, families)
    print(f"检查的字符数: {len({ch for ch in args.text if not ch.isspace()})}")
    print(f"缺少字形的字符数: {len(missing)}")
    if missing:
        sys.exit(
            f"错误：字体 {font.family_name} 缺少这些字的字形：{''.join(missing)}\n"
            "请安装 CJK 字体（Debian/Ubuntu: apt install fonts-wqy-microhei；Fedora: dnf install "
            "wqy-microhei-fonts；macOS、Windows 系统自带），删除 matplotlib 的字体缓存（"
            "matplotlib.get_cachedir() 里的 fontlist-*.json）后重试。"
        )

    fig, ax = plt.subplots(figsize=(6.4, 2.4))
    ax.text(0.5, 0.62, args.text, ha="center", va="center", fontsize=14)
    ax.text(0.5, 0.25, f"字体：{font.family_name}", ha="center", va="center", fontsize=11, color="tab:blue")
    ax.set_axis_off()
    ax.set_title("中文渲染检查：全部字形齐全")
    plt.show()


if __name__ == "__main__":
    main()
