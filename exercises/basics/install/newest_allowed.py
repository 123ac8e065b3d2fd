# env: main
"""练习（环境安装）：同时满足几份要求的最新版本。

pip 安装时要在可用的版本里挑一个同时满足所有要求的。在两行标记之间写完 newest_allowed(available, specs)：
available 是版本号字符串的列表（顺序任意），specs 是若干条要求（例如 ">=1.26" 与 "<1.24"，各来自一个包）；
返回满足全部要求的最新正式版本，没有时返回 None。预发布版本（如 2.0.0rc1）不算。可以用下面导入的 packaging。
然后运行 python newest_allowed.py：批改在本站两个环境的真实冲突和一组随机要求上检查它。
"""
import random
import sys

from packaging.specifiers import SpecifierSet   # matplotlib 的依赖，pip 判断版本用的也是它
from packaging.version import Version

# ====== 你的代码从这里开始 ======
def newest_allowed(available, specs):
    """返回版本号字符串，或 None。"""
    raise NotImplementedError("newest_allowed(available, specs) 还没有写")
# ====== 你的代码到这里结束 ======


NUMPY = ["1.9.3", "1.10.4", "1.21.6", "1.23.5", "1.24.4", "1.26.4", "2.0.0rc1", "2.0.2", "2.4.6", "2.5.0rc1"]


def want(available, specs):
    ok = list(SpecifierSet(",".join(specs)).filter(available, prereleases=False))
    return max(ok, key=Version) if ok else None


def check_alone():
    for specs in (["<1.24"], [">=1.26"], ["<1.10"], ["<2.1"]):
        got = newest_allowed(list(NUMPY), specs)
        if got != want(NUMPY, specs):
            return f"只有一条要求 {specs[0]}：你的结果是 {got!r}；版本按数字比较（1.10 比 1.9 新），预发布版本不算"


def check_conflict():
    got = newest_allowed(list(NUMPY), [">=1.26", "<1.24"])
    if got is not None:
        return f"TensorFlow 要 numpy>=1.26、MXNet 要 numpy<1.24：没有版本能同时满足，应返回 None，你的是 {got!r}"


def check_random():
    rnd = random.Random(0)
    for _ in range(200):
        avail = rnd.sample(NUMPY, rnd.randint(1, len(NUMPY)))
        specs = [rnd.choice(["<", "<=", ">", ">=", "!="]) + rnd.choice(NUMPY[:6] + ["2.0", "2.4.6"])
                 for _ in range(rnd.randint(1, 3))]
        got = newest_allowed(list(avail), specs)
        if got != want(avail, specs):
            return f"available={sorted(avail, key=Version)}、specs={specs}：你的结果是 {got!r}，与 pip 的规则不符"


CHECKS = [("单独一条要求", check_alone), ("两个环境的冲突", check_conflict), ("随机的要求", check_random)]


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
