# env: main
"""练习（现代卷积神经网络）：一叠卷积层的感受野。

在两行标记之间写完 receptive_field(layers)：layers 是从输入到输出的一串卷积层，每层是 (k, s, d)——
卷积核边长、步幅、空洞率。返回最后一层的一个输出在输入上能看到的边长（感受野）。
然后运行 python receptive_field.py：批改在一百多种层的组合上与“逐层往回数它依赖哪些输入”比较。
"""
import itertools
import sys

# ====== 你的代码从这里开始 ======
def receptive_field(layers):
    """layers: [(k, s, d), ...]，从输入一侧开始。返回感受野的边长（整数）。"""
    raise NotImplementedError("receptive_field(layers) 还没有写")
# ====== 你的代码到这里结束 ======


def count_inputs(layers):
    """从最后一层的第 0 个输出往回走：每层的输出 i 读输入 s·i + d·t（t = 0 … k−1）。返回依赖的输入跨了多宽。"""
    positions = {0}
    for k, s, d in reversed(layers):
        positions = {s * i + d * t for i in positions for t in range(k)}
    return max(positions) - min(positions) + 1


def check_single():
    for k, s, d in [(3, 1, 1), (5, 2, 1), (3, 1, 2), (1, 1, 1)]:
        got = receptive_field([(k, s, d)])
        if got != count_inputs([(k, s, d)]):
            return f"只有一层 (k={k}, s={s}, d={d})：你的结果是 {got}，应当是空洞之后卷积核覆盖的边长"


def check_stacks():
    options = [(1, 1, 1), (3, 1, 1), (3, 2, 1), (3, 1, 2), (2, 2, 1), (5, 1, 3)]
    for n in (2, 3):
        for layers in itertools.product(options, repeat=n):
            got = receptive_field(list(layers))
            if got != count_inputs(list(layers)):
                return (f"layers = {list(layers)}：你的结果是 {got}，与逐层往回数的结果不符"
                        "（第 l 层每多看一个位置，在输入上相当于前面各层步幅的乘积那么多个像素）")


def check_chapter():
    got = receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)])
    if got != 15:
        return f"三层 3×3、空洞率 1、2、4：正文说感受野是 15，你的结果是 {got}"


CHECKS = [("单独一层", check_single), ("两三层的各种组合", check_stacks), ("正文里的空洞率 1、2、4", check_chapter)]


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
