# env: main
"""练习（优化器）：照更新规则实现 Nesterov 动量。

Nesterov 动量先沿速度“往前看”一步再求梯度：v ← μ·v − η·∇f(w + μ·v)，w ← w + v。
在两行标记之间写完 nesterov_step，然后运行 python nesterov.py。批改在一个病态的二次函数上跑 30 步，
把每一步四舍五入后的位置与存好的哈希比较（不存答案本身），并指出从第几步开始不同。
"""
import hashlib
import sys

import numpy as np

# ====== 你的代码从这里开始 ======
def nesterov_step(w, v, grad_fn, lr, mu):
    """一步 Nesterov 动量：grad_fn(w) 返回梯度；返回新的 (w, v)。"""
    raise NotImplementedError("nesterov_step(w, v, grad_fn, lr, mu) 还没有写")
# ====== 你的代码到这里结束 ======


H = np.array([[10.0, 0.0], [0.0, 1.0]])
grad_fn = lambda w: H @ w
HASHES = (
    "f7c531c9fe92 bc24503efa6b 9a89846e840e d3f035dfbcda 486c252b458a 28ee9aea653b e42210310e1a 40b3978317ac "
    "633c63dd203b ffab676b18db ce8d4db557cb ae796bc3919e 5c1f8128510f 851157a15a73 f739ed4c3dbd 4f828e83561e "
    "ca98fdf37174 301cafba9ea9 59f2fcf69b51 d7c49d5b8a06 a6b04d9cb6a4 8ef46bde3876 72b2cfc91126 fd1dd894bcb1 "
    "85da840fd45f 3a629833e4cc 89620e731818 901f10653273 81a2d5b9ba04 e2c276bddbbf"
)


def digest(w):
    return hashlib.sha256(" ".join(f"{t:.6f}" for t in np.round(w, 6) + 0.0).encode()).hexdigest()[:12]


def trajectory(steps=30):
    w, v, out = np.array([1.0, 1.0]), np.zeros(2), []
    for _ in range(steps):
        w, v = nesterov_step(w, v, grad_fn, 0.05, 0.9)
        out.append(digest(np.asarray(w, dtype=float)))
    return out


def check_trajectory():
    got = trajectory()
    for k, (a, b) in enumerate(zip(got, HASHES.split()), 1):
        if a != b:
            return (f"f(w)=½wᵀHw、H=diag(10,1)、w₀=(1,1)、η=0.05、μ=0.9：第 {k} 步的位置不对"
                    "（梯度要在 w + μ·v 处求，速度先更新、位置再加上新的速度）")


def check_descends():
    w, v = np.array([1.0, 1.0]), np.zeros(2)
    for _ in range(200):
        w, v = nesterov_step(w, v, grad_fn, 0.05, 0.9)
    if not np.linalg.norm(w) < 1e-3:
        return f"200 步后 |w| = {np.linalg.norm(w):.3g}，应收敛到最小点 0"


def check_mu0():
    w, v = nesterov_step(np.array([1.0, -2.0]), np.zeros(2), grad_fn, 0.1, 0.0)
    if not np.allclose(w, np.array([1.0, -2.0]) - 0.1 * grad_fn(np.array([1.0, -2.0]))):
        return "μ = 0 时应退化为普通梯度下降的一步"


CHECKS = [("μ = 0 时是梯度下降", check_mu0), ("30 步的轨迹（按哈希核对）", check_trajectory), ("收敛到最小点", check_descends)]


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
