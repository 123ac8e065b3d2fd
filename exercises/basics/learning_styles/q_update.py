# env: main
"""练习（学习方式）：Q-learning 的一步更新。

在两行标记之间写完 q_update(Q, s, a, r, s_next, done, lr, gamma)：按正文的公式把 Q[s, a] 朝
r + γ·max_a' Q[s_next, a'] 拉近（到达终止状态时没有未来回报），返回更新后的 Q（可以原地修改）。
然后运行 python q_update.py：批改检查一步更新只改了该改的那一格，并在一条小走廊上反复更新，
看 Q 是否收敛到贝尔曼最优方程的解。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def q_update(Q, s, a, r, s_next, done, lr, gamma):
    """Q：形状 (状态数, 动作数) 的数组。返回更新后的 Q。"""
    raise NotImplementedError("q_update(Q, s, a, r, s_next, done, lr, gamma) 还没有写")
# ====== 你的代码到这里结束 ======


def corridor(s, a, n=5):
    """一条 n 格的走廊：动作 0 向左、1 向右；走到最右一格得 1 分并结束，其余每步 −0.1 分。"""
    s_next = max(s - 1, 0) if a == 0 else s + 1
    done = s_next == n - 1
    return (1.0 if done else -0.1), s_next, done


def check_one_cell():
    Q = np.arange(12, dtype=float).reshape(4, 3)
    before = Q.copy()
    out = np.asarray(q_update(Q.copy(), 1, 2, 0.5, 3, False, 0.1, 0.9))
    changed = np.argwhere(~np.isclose(out, before))
    if [tuple(c) for c in changed] != [(1, 2)]:
        return f"一步更新应当只改变 Q[s, a] = Q[1, 2] 这一格，你改变的是 {[tuple(int(i) for i in c) for c in changed]}"


def check_terminal():
    Q = np.full((4, 2), 5.0)
    out = np.asarray(q_update(Q.copy(), 0, 1, 2.0, 3, True, 1.0, 0.9))
    if not np.isclose(out[0, 1], 2.0):
        return "lr = 1、到达终止状态：Q[s, a] 应等于奖励 r 本身（终止之后没有未来回报）"
    out = np.asarray(q_update(Q.copy(), 0, 1, 2.0, 3, False, 1.0, 0.9))
    if not np.isclose(out[0, 1], 2.0 + 0.9 * 5.0):
        return "lr = 1、没有终止：Q[s, a] 应等于 r + γ·（下一状态各动作 Q 的最大值）"


def check_bellman():
    n, gamma = 5, 0.9
    Q = np.zeros((n, 2))
    for _ in range(300):                         # 每一轮把每个（非终止状态, 动作）各更新一次
        for s in range(n - 1):
            for a in (0, 1):
                r, s_next, done = corridor(s, a, n)
                Q = np.asarray(q_update(Q, s, a, r, s_next, done, 0.5, gamma))
    for s in range(n - 1):
        for a in (0, 1):
            r, s_next, done = corridor(s, a, n)
            target = r + (0 if done else gamma * Q[s_next].max())
            if not np.isclose(Q[s, a], target, atol=1e-6):
                return f"反复更新之后，Q[{s}, {a}] 应满足贝尔曼最优方程 Q(s,a) = r + γ·max Q(s', ·)，差了 {Q[s, a] - target:.3g}"
    if not (Q[: n - 1, 1] > Q[: n - 1, 0]).all():
        return "收敛后，每一格都应是“向右”的 Q 值更大"


CHECKS = [("只更新一格", check_one_cell), ("终止与非终止", check_terminal), ("收敛到贝尔曼方程的解", check_bellman)]


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
