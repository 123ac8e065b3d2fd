# env: main
"""检查主环境：列出 requirements.txt 里每个包的版本、NumPy 用的 BLAS，以及 TensorFlow 能否看到 GPU。

包的清单和版本要求直接读取仓库根目录的 requirements.txt（唯一的版本来源）。
缺少包、版本不符、或 ``--require`` 指定的包没有安装时，在标准错误上打印一行说明，
并以退出码 1 结束，因此这个脚本也可以放在 shell 脚本或 CI 里当作前置检查。
"""
import argparse
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# 下载的脚本里，这里是构建网站时 requirements.txt 的全文；在仓库里运行时为 None，读取文件。
BUNDLED_REQUIREMENTS = None


def find_requirements(name, start=None):
    """从脚本所在目录逐级向上查找 ``name``（如 requirements.txt），找不到返回 None。"""
    start = Path(start or globals().get("__file__") or Path.cwd() / "_").resolve()   # 笔记本里没有 __file__
    for folder in [start.parent, *start.parents, Path.cwd()]:
        if (folder / name).is_file():
            return folder / name
    return None


def parse_requirements(text):
    """解析 ``包名==版本`` 形式的行（忽略注释、空行和不适用于本机的行），返回 {包名: 版本}。

    行尾可以带 PEP 508 环境标记（如 ``; sys_platform == "darwin"``），由 packaging 判断是否适用于本机。
    """
    from packaging.markers import Marker   # matplotlib 的依赖

    pins = {}
    for line in text.splitlines():
        line, _, marker = line.split("#", 1)[0].partition(";")
        if line.strip() and not (marker.strip() and not Marker(marker).evaluate()):
            name, _, pinned = line.strip().partition("==")
            pins[name.strip()] = pinned.strip() or None
    return pins


def check_packages(pins):
    """对照要求逐个查已安装的版本，返回 [(包名, 要求的版本, 已安装的版本或 None)]。"""
    rows = []
    for name, pinned in pins.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        rows.append((name, pinned, installed))
    return rows


def blas_info():
    """NumPy 编译时链接的 BLAS（numpy.show_config）和运行时实际加载的 BLAS（threadpoolctl）。"""
    import numpy as np

    build = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    try:
        from threadpoolctl import threadpool_info   # scikit-learn 的依赖
    except ImportError:
        return f"{build['name']} {build['version']}", "未知（没有安装 threadpoolctl）"
    loaded = [f"{d['internal_api']} {d['version']}（{d.get('threading_layer', '?')}）"
              for d in threadpool_info() if d["user_api"] == "blas"]
    return f"{build['name']} {build['version']}", "，".join(loaded) or "未检测到"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=None,
                        help="要对照的 requirements 文件（默认向上查找 requirements.txt）")
    parser.add_argument("--require", action="append", default=[], metavar="NAME",
                        help="额外要求已安装的包（可重复），例如 --require jupyterlab")
    parser.add_argument("--require-gpu", action="store_true", help="没有可见的 GPU 时也算失败")
    args = parser.parse_args(argv)

    if args.requirements is None and BUNDLED_REQUIREMENTS:
        text, source = BUNDLED_REQUIREMENTS, "requirements.txt"
    else:
        path = args.requirements or find_requirements("requirements.txt")
        if path is None or not path.is_file():
            sys.exit(f"错误: 找不到 {path or 'requirements.txt'}，请用 --requirements 指定它的路径")
        text, source = path.read_text(encoding="utf-8"), path.name
    pins = parse_requirements(text)
    pins.update({name: None for name in args.require if name not in pins})

    print(f"Python: {platform.python_version()}")
    rows = check_packages(pins)
    for name, pinned, installed in rows:
        note = "" if installed is None or pinned in (None, installed) else f"（要求 {pinned}）"
        print(f"{name}: {installed or '未安装'}{note}")
    missing = [name for name, _, installed in rows if installed is None]
    wrong = [name for name, pinned, installed in rows
             if installed is not None and pinned not in (None, installed)]

    if "numpy" not in missing:
        build, loaded = blas_info()
        print(f"NumPy 编译时的 BLAS: {build}")
        print(f"运行时加载的 BLAS: {loaded}")
    gpus = None
    tf_name = next((n for n in ("tensorflow-cpu", "tensorflow") if n in pins), None)
    if tf_name and tf_name not in missing:
        import tensorflow as tf
        gpus = len(tf.config.list_physical_devices("GPU"))
        print(f"TensorFlow 支持 CUDA: {'是' if tf.test.is_built_with_cuda() else '否'}")
        print(f"TensorFlow 可见的 GPU 数: {gpus}")

    print(f"检查的包数: {len(rows)}")
    print(f"缺少的包数: {len(missing)}")
    print(f"版本不符的包数: {len(wrong)}")
    if missing:
        hint = (f"pip install {' '.join(missing)}" if not any(pins[m] for m in missing)
                else f"make html 或 pip install -r {source}")
        sys.exit(f"错误: 缺少 {', '.join(missing)}；请运行 {hint}")
    if wrong:
        sys.exit(f"错误: 版本与 {source} 不符: {', '.join(wrong)}；请重新 pip install -r {source}")
    if args.require_gpu and not gpus:
        sys.exit("错误: TensorFlow 看不到 GPU（本站的主环境是 tensorflow-cpu，只用 CPU）")
    print("环境检查: 通过")


if __name__ == "__main__":
    main()
