# env: main
"""练习（卷积神经网络）：卷积输出的边长。

在两行标记之间写完 out_size(n, k, p, s)：边长 n 的输入、边长 k 的卷积核、每边填充 p、步幅 s 时，
输出的边长。然后运行 python out_size.py：批改在几百种组合上与“数一数卷积核能放在哪些位置”比较。
"""
import sys

# ====== 你的代码从这里开始 ======
def out_size(n, k, p, s):
    """卷积输出的边长（整数）。"""
    raise NotImplementedError("out_size(n, k, p, s) 还没有写")
# ====== 你的代码到这里结束 ======


def count_positions(n, k, p, s):
    return len(range(0, n + 2 * p - k + 1, s))


def check_all():
    for n in range(1, 16):
        for k in range(1, 6):
            for p in range(0, 3):
                for s in range(1, 4):
                    if k > n + 2 * p:
                        continue
                    got = out_size(n, k, p, s)
                    if got != count_positions(n, k, p, s):
                        return f"n={n}、k={k}、p={p}、s={s}：你的结果是 {got}，与卷积核能放的位置数不符（步幅不整除时要向下取整）"


def check_int():
    if not isinstance(out_size(28, 5, 2, 1), int):
        return "结果应是 Python 的 int（用整除 //，不要用 /）"


CHECKS = [("是整数", check_int), ("与逐个位置计数一致", check_all)]


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
