# env: main
"""练习（环境安装）：一个版本是否满足要求。

requirements 文件里写的是版本要求，例如 ``numpy==1.23.5``、``numpy<1.24``、``python: >=3.10,<3.12``。
在两行标记之间写完 satisfies(version, spec)：version 是 "1.23.5" 这样只含数字和点的版本号，spec 是用逗号
连接的若干条 ``==、!=、<、<=、>、>=`` 要求（逗号表示“并且”）；全部满足时返回 True。
然后运行 python satisfies.py：批改与 pip 自己用的 packaging 库逐个比较。
"""
import itertools
import sys

from packaging.specifiers import SpecifierSet   # matplotlib 的依赖，pip 判断版本用的也是它

# ====== 你的代码从这里开始 ======
def satisfies(version, spec):
    """version: "1.23.5"；spec: ">=1.26,<3" 这样的字符串。返回 True 或 False。"""
    raise NotImplementedError("satisfies(version, spec) 还没有写")
# ====== 你的代码到这里结束 ======


def agree(cases):
    for v, spec in cases:
        got = satisfies(v, spec)
        if not isinstance(got, bool):
            return f"satisfies({v!r}, {spec!r})：应返回 True 或 False，你返回的是 {type(got).__name__}"
        if got != (v in SpecifierSet(spec)):
            return f"satisfies({v!r}, {spec!r}) 的结果不对（版本号要逐段按整数比较，不是按字符串）"


def check_single():
    versions = ["1.23.5", "1.24", "1.24.0", "1.9.1", "1.10.0", "2.0"]
    specs = ["==1.23.5", "!=1.24", "<1.24", "<=1.24", ">1.9.1", ">=1.10", "==2.0.0", "<1.10"]
    return agree(itertools.product(versions, specs))


def check_combined():
    versions = ["1.23.5", "1.26.0", "2.4.6", "3.0", "3.10.4", "3.12.0", "3.9.18"]
    specs = [">=1.26,<3", ">=3.10,<3.12", ">=3.11, <3.14", ">=1.20,!=1.26.0,<3"]
    return agree(itertools.product(versions, specs))


def check_padding():
    return agree([("2", "==2.0.0"), ("2.0.0.0", "<2.0.1"), ("1.24", ">1.24.0"), ("1.24", ">=1.24.0")])


CHECKS = [("单条要求", check_single), ("逗号连接的几条要求", check_combined), ("位数不同的版本号", check_padding)]


# ---- 批改（不用修改下面的代码） ----
def grade(checks):
    """逐项运行检查：每项返回 None 表示通过，否则返回一句提示。全部通过时返回 0。"""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # 不支持 ✓ ✗ 的终端里显示成 ?
    passed = 0
    for label, check in checks:
        try:
            hint = check()
        except NotImplementedError as exc:
            hint = f"{exc}：在“你的代码”两行标记之间把它写完"
        except Exception as exc:  # 你的代码出了错：说明是哪项检查、什么错误，不打印 traceback
            hint = f"运行你的代码时出错：{type(exc).__name__}: {exc}"
        print(f"✓ {label}" if hint is None else f"✗ {label}\n    提示：{hint}")
        passed += hint is None
    print(f"通过 {passed}/{len(checks)} 项检查" + ("，全部正确。" if passed == len(checks) else "。"))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(grade(CHECKS))
