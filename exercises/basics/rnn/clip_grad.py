# env: main
"""练习（循环神经网络）：按全局范数裁剪梯度。

在两行标记之间写完 clip_global_norm(grads, theta)：grads 是若干个 NumPy 数组（各参数的梯度），
把它们合起来看成一个向量，L2 范数 ‖g‖ 超过 theta 时全部按同一个比例缩小到范数恰为 theta，
不超过时原样返回。返回 (裁剪后的数组列表, 裁剪前的 ‖g‖)，不要修改传入的数组。
然后运行 python clip_grad.py：批改检查范数、方向、不超过阈值时不变，以及没有改动输入。
"""
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def clip_global_norm(grads, theta):
    """返回 (裁剪后的梯度列表, 裁剪前的全局范数)。"""
    raise NotImplementedError("clip_global_norm(grads, theta) 还没有写")
# ====== 你的代码到这里结束 ======


def cases():
    rng = np.random.default_rng(0)
    for k, theta, scale in ((3, 0.5, 1.0), (1, 2.0, 5.0), (4, 1.0, 0.01), (2, 100.0, 3.0)):
        yield theta, [rng.normal(0, scale, rng.integers(1, 6, size=2)) for _ in range(k)]


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))


def check_norm():
    for theta, grads in cases():
        new, norm = clip_global_norm(grads, theta)
        if not np.isclose(norm, global_norm(grads)):
            return f"{len(grads)} 个数组、θ = {theta}：返回的第二项应是裁剪前全部梯度合起来的 L2 范数"
        if len(new) != len(grads) or any(np.shape(a) != g.shape for a, g in zip(new, grads)):
            return f"{len(grads)} 个数组：裁剪后的列表应与输入一样长、每个数组形状不变"
        if not np.isclose(global_norm(new), min(norm, theta)):
            return f"θ = {theta}、‖g‖ = {norm:.3g}：裁剪后的全局范数应为 min(‖g‖, θ)，你的是 {global_norm(new):.3g}"


def check_direction():
    for theta, grads in cases():
        new, _ = clip_global_norm(grads, theta)
        ratios = [np.asarray(a) / g for a, g in zip(new, grads)]
        if not np.allclose(np.concatenate([r.ravel() for r in ratios]), np.ravel(ratios[0])[0]):
            return f"θ = {theta}：所有数组应乘同一个比例（按全局范数裁剪，而不是每个数组各自裁剪）"


def check_untouched():
    for theta, grads in cases():
        before = [g.copy() for g in grads]
        clip_global_norm(grads, theta)
        if any(not np.array_equal(a, b) for a, b in zip(grads, before)):
            return f"θ = {theta}：传入的数组被改动了（返回新的数组，不要原地修改）"


CHECKS = [("范数：裁剪前为 ‖g‖，裁剪后为 min(‖g‖, θ)", check_norm), ("方向不变：所有梯度乘同一个比例", check_direction),
          ("不修改传入的数组", check_untouched)]


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
