# env: main
# timing-output: 打印的耗时随机器与负载变化，其余输出每次相同
"""逐个生成时缓存键和值（KV 缓存）：输出完全相同，每步投影的计算从 O(t·d²) 降到 O(d²)。

因果自注意力里，位置 t 的键 k_t = x_t W_k 与值 v_t = x_t W_v 一旦算出就不再改变（后面的位置看不到它，
它也不看后面的位置）。不缓存时，生成第 t 个词元要把前 t 个位置的投影全部重算一遍；缓存后每步只为
新位置算一次投影，再与缓存里的 t 个键做点积。示例用一层随机权重的因果注意力数一数乘法次数并计时。
"""
import argparse
import time

import numpy as np

from mmdl.cli import nonnegative_int, positive_int


def init(d, seed=0):
    rng = np.random.default_rng(seed)
    return {n: rng.normal(0, 1 / np.sqrt(d), (d, d)) for n in ("Wq", "Wk", "Wv", "Wo")}


def attend(q, K, V):
    s = K @ q / np.sqrt(len(q))
    w = np.exp(s - s.max())
    return (w / w.sum()) @ V


def step_full(p, X):
    """不缓存：对已有的全部 t 个位置重算 Q、K、V，取最后一个位置的输出。乘法次数 3·t·d² + 2·t·d + d²。"""
    Q, K, V = X @ p["Wq"], X @ p["Wk"], X @ p["Wv"]
    t, d = X.shape
    return attend(Q[-1], K, V) @ p["Wo"], 3 * t * d * d + 2 * t * d + d * d


def step_cached(p, x, cache):
    """缓存：只为新位置算 q、k、v，把 k、v 追加进缓存。乘法次数 3·d² + 2·t·d + d²。"""
    cache["K"].append(x @ p["Wk"])
    cache["V"].append(x @ p["Wv"])
    K, V = np.array(cache["K"]), np.array(cache["V"])
    d = len(x)
    return attend(x @ p["Wq"], K, V) @ p["Wo"], 3 * d * d + 2 * len(K) * d + d * d


def generate(p, x0, steps, cached):
    """从 x0 开始，把每步的输出当作下一个位置的输入（代替真实模型的“嵌入下一个词元”）。"""
    X, cache, flops = [x0], {"K": [], "V": []}, 0
    for _ in range(steps):
        y, f = step_cached(p, X[-1], cache) if cached else step_full(p, np.array(X))
        X.append(np.tanh(y + X[-1]))
        flops += f
    return np.array(X), flops


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=positive_int, default=64, help="模型维数 d")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    d = args.dim
    p = init(d, args.seed)
    x0 = np.random.default_rng(args.seed).normal(size=d)
    print("生成步数    不缓存的乘法次数    缓存的乘法次数    比值    两者输出的最大差")
    for steps in (16, 64, 256):
        X_full, f_full = generate(p, x0, steps, cached=False)
        X_cache, f_cache = generate(p, x0, steps, cached=True)
        print(f"{steps:<8d}    {f_full:>14d}    {f_cache:>12d}    {f_full / f_cache:5.1f}    "
              f"{np.abs(X_full - X_cache).max():.1e}")
    steps = 256
    print(f"公式（n={steps}）: 不缓存 Σ(3t d² + 2t d + d²) = "
          f"{sum(3 * t * d * d + 2 * t * d + d * d for t in range(1, steps + 1))}，"
          f"缓存 Σ(4d² + 2t d) = {sum(4 * d * d + 2 * t * d for t in range(1, steps + 1))}")
    for cached in (False, True):
        start = time.perf_counter()
        generate(p, x0, steps, cached)
        print(f"{'缓存' if cached else '不缓存'}生成 {steps} 步的耗时(ms): {1000 * (time.perf_counter() - start):.1f}")


if __name__ == "__main__":
    main()
