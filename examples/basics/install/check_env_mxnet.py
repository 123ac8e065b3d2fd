# env: mxnet
"""检查 MXNet 环境：列出 requirements-mxnet.txt 里每个包的版本、BLAS、MXNet 的编译特性和 GPU。

MXNet 1.9.1 只能配 numpy < 1.24，所以它有自己的虚拟环境 ``.venv-mxnet``。
包的清单和版本要求读取仓库根目录的 requirements-mxnet.txt。缺少包、版本不符或
``--require`` 指定的包没有安装时，在标准错误上打印一行说明并以退出码 1 结束。
"""
import argparse
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# 下载的脚本里，这里是构建网站时 requirements-mxnet.txt 的全文；在仓库里运行时为 None，读取文件。
BUNDLED_REQUIREMENTS = None


def find_requirements(name, start=None):
    """从脚本所在目录逐级向上查找 ``name``，找不到返回 None。"""
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


def mxnet_report():
    """导入 MXNet，做一次小运算自检，返回 (启用的编译特性, 可见 GPU 数, 自检结果)。"""
    import mxnet as mx

    features = [name for name, feature in mx.runtime.Features().items() if feature.enabled]
    total = mx.nd.ones((2, 3)).sum().asscalar()   # 在 CPU 上真正执行一次算子
    return features, mx.context.num_gpus(), total == 6


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=None,
                        help="要对照的 requirements 文件（默认向上查找 requirements-mxnet.txt）")
    parser.add_argument("--require", action="append", default=[], metavar="NAME",
                        help="额外要求已安装的包（可重复）")
    parser.add_argument("--require-gpu", action="store_true", help="没有可见的 GPU 时也算失败")
    args = parser.parse_args(argv)

    if args.requirements is None and BUNDLED_REQUIREMENTS:
        text, source = BUNDLED_REQUIREMENTS, "requirements-mxnet.txt"
    else:
        path = args.requirements or find_requirements("requirements-mxnet.txt")
        if path is None or not path.is_file():
            sys.exit(f"错误: 找不到 {path or 'requirements-mxnet.txt'}，请用 --requirements 指定它的路径")
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

    gpus = None
    if "numpy" not in missing:
        import numpy as np
        try:
            from threadpoolctl import threadpool_info   # scikit-learn 的依赖
            loaded = "，".join(f"{d['internal_api']} {d['version']}" for d in threadpool_info()
                              if d["user_api"] == "blas") or "未检测到"
        except ImportError:
            loaded = "未知（没有安装 threadpoolctl）"
        print(f"NumPy 运行时加载的 BLAS: {loaded}")
        print(f"numpy 低于 1.24: {'是' if np.lib.NumpyVersion(np.__version__) < '1.24.0' else '否'}")
    if "mxnet" not in missing:
        features, gpus, ok = mxnet_report()
        blas = [f for f in features if f.startswith("BLAS_") or f in ("MKLDNN", "LAPACK")]
        print(f"MXNet 的 BLAS 与加速库: {'，'.join(blas)}")
        print(f"MXNet 支持 CUDA: {'是' if 'CUDA' in features else '否'}")
        print(f"MXNet 可见的 GPU 数: {gpus}")
        print(f"MXNet 运算自检: {'通过' if ok else '失败'}")
        if not ok:
            sys.exit("错误: MXNet 的运算结果不对（1 的 2×3 矩阵求和应为 6）")

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
        sys.exit("错误: MXNet 看不到 GPU（本站的 MXNet 环境是 CPU 版）")
    print("环境检查: 通过")


if __name__ == "__main__":
    main()
