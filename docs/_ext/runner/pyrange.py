"""检查本解释器是否在 requirements 文件 ``# python: >=3.a,<3.b`` 一行给出的范围内（Makefile 在 pip 之前调用）。

只用标准库、不用新语法：Python 3.6 以上都能运行它，所以能在装不上环境的解释器上给出一行说明。

    python pyrange.py requirements-mxnet.txt          # 合适：退出码 0；不合适：打印一行原因，退出码 1
    python pyrange.py requirements-mxnet.txt --text   # 打印“3.10–3.11”
    python pyrange.py requirements-mxnet.txt --names  # 打印“python3.11 python3.10”（Makefile 按这个顺序找解释器）
"""
import re
import sys


def read_range(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"#\s*python:\s*>=\s*(\d+)\.(\d+)\s*,\s*<\s*(\d+)\.(\d+)\s*$", line)
            if m:
                a, b, c, d = (int(x) for x in m.groups())
                return (a, b), (c, d)
    raise SystemExit("{} 里没有 '# python: >=3.a,<3.b' 一行".format(path))


def main(argv):
    if not argv:
        raise SystemExit("用法：python pyrange.py <requirements 文件> [--text]")
    low, high = read_range(argv[0])
    text = "{}.{}–{}.{}".format(low[0], low[1], high[0], high[1] - 1)
    if "--text" in argv[1:]:
        print(text)
        return 0
    if "--names" in argv[1:]:
        print(" ".join("python{}.{}".format(low[0], m) for m in range(high[1] - 1, low[1] - 1, -1)))
        return 0
    here = sys.version_info[:2]
    if low <= here < high:
        return 0
    print("{} 需要 Python {}，{} 是 Python {}.{}".format(argv[0], text, sys.executable, here[0], here[1]))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
