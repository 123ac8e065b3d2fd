"""make bench：测量管线的速度与内存，对照目标打印表格，并写 $MMDL_GEN_DIR/bench/bench.json。

全部在 $MMDL_GEN_DIR/bench/（make 的 BUILDDIR，默认 _build）里进行（示例复制一份，生成目录单独一份）；
仓库里只写一个文件：分片用的耗时记录 .ci/durations.json（预加载冷构建里每个示例的墙钟）。
  1. 冷构建网站（所有示例都要运行）：墙钟时间、Σ 示例 CPU 时间、开销比 = 墙钟 ÷ (Σ CPU ÷ 核数)；
     同一次基准里先不用预加载（MMDL_PRELOAD=0）冷构建一遍：两者之比、两种方式的 Σ CPU，
     以及每个示例的导入占比 =（新进程墙钟 − 预加载墙钟）÷ 新进程墙钟
  2. 冷 make test = 冷构建 + pytest（示例用第 1 步的输出）
  3. 什么都没改时再构建：墙钟时间、重跑的示例数
  4. 改动一个示例后再构建：墙钟时间、重跑的示例数
  5. 每个示例：墙钟、CPU、峰值内存、解释器（预加载），新进程的墙钟与导入占比

``python tests/bench.py --builds-only`` 不跑第 2 步的 pytest（其余照做，快二十分钟左右）。
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from runner import resolve  # noqa: E402

BENCH = resolve().gen_dir / "bench"  # 运行器设置派生的路径（make 的 BUILDDIR）
TARGETS = {"cold_html_s": 60, "preload_speedup": 2.0, "cold_test_s": 150, "overhead_ratio": 1.25, "noop_html_s": 3,
           "example_wall_s": 20, "example_rss_mb": 1536}


def stamps(gen):
    out = {}
    for p in (gen / "examples").rglob("stamp.json"):
        out[p.parent.relative_to(gen / "examples").as_posix() + ".py"] = (p.stat().st_mtime_ns, json.loads(p.read_text()))
    return out


def write_durations(per):
    """分片用的耗时记录 .ci/durations.json（README“CI 如何扩展”）：预加载冷构建里每个示例的墙钟秒数。"""
    data = {k: round(s["wall"], 2) for k, (_, s) in sorted(per.items())}
    (ROOT / ".ci" / "durations.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def timed(cmd, env):
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate()
    except KeyboardInterrupt:  # 让子进程自己停下它的示例（Ctrl-C 时它已收到同一个信号）
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait()
        raise
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"基准中的命令失败：{' '.join(cmd)}\n{out[-2000:]}\n{err[-4000:]}")
    return wall


def main():
    shutil.rmtree(BENCH, ignore_errors=True)
    examples, gen = BENCH / "examples", BENCH / "gen"
    shutil.copytree(ROOT / "examples", examples, ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, MMDL_EXAMPLES_DIR=str(examples), MMDL_GEN_DIR=str(gen), MMDL_HTML_DIR=str(BENCH / "html"))
    sphinx = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-c", ".", "docs", str(BENCH / "html")]
    cores = os.cpu_count() or 1

    builds_only = "--builds-only" in sys.argv[1:]

    print("1/4 冷构建网站（不预加载，MMDL_PRELOAD=0）……", flush=True)
    gen_fresh = BENCH / "gen-fresh"
    cold_fresh = timed(sphinx[:-1] + [str(BENCH / "html-fresh")],
                       dict(env, MMDL_PRELOAD="0", MMDL_GEN_DIR=str(gen_fresh), MMDL_HTML_DIR=str(BENCH / "html-fresh")))
    fresh = {k: s for k, (_, s) in stamps(gen_fresh).items()}
    cpu_fresh = sum(s["cpu"] for s in fresh.values())
    print("1/4 冷构建网站（预加载）……", flush=True)
    cold_html = timed(sphinx, dict(env, MMDL_PRELOAD="1"))
    per = stamps(gen)
    write_durations(per)
    cpu_sum = sum(s["cpu"] for _, s in per.values())
    ratio = cold_html / (cpu_sum / cores)
    speedup = cold_fresh / cold_html
    preloaded = sum(1 for _, s in per.values() if s.get("preloaded"))
    build_checks = [
        ("冷 make html（预加载）", f"{cold_html:.0f} s（{preloaded}/{len(per)} 个预加载）", f"≤ {TARGETS['cold_html_s']} s",
         cold_html <= TARGETS["cold_html_s"]),
        ("冷构建：新进程 ÷ 预加载", f"{cold_fresh:.0f} ÷ {cold_html:.0f} = {speedup:.2f}×",
         f"≥ {TARGETS['preload_speedup']}×", speedup >= TARGETS["preload_speedup"]),
        ("Σ 示例 CPU：新进程 / 预加载", f"{cpu_fresh:.0f} s / {cpu_sum:.0f} s", "（参考）", True),
    ]
    pytest_wall = cold_test = None
    if not builds_only:
        print("2/4 pytest（冷 make test 的第二段）……", flush=True)
        jobs = os.environ.get("MMDL_JOBS", "2")
        pytest_wall = timed([sys.executable, "-m", "pytest", "-q", "-n", jobs, "-p", "no:cacheprovider", "tests"], env)
        cold_test = cold_html + pytest_wall

    print("3/4 无改动的构建……", flush=True)
    before = {k: v[0] for k, v in stamps(gen).items()}
    noop = timed(sphinx, env)
    noop_reran = sum(1 for k, v in stamps(gen).items() if before.get(k) != v[0])

    print("4/4 改动一个示例后的构建……", flush=True)
    changed = "basics/activation/softmax_stability.py"
    path = examples / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# 基准测试加的一行注释\n", encoding="utf-8")
    before = {k: v[0] for k, v in stamps(gen).items()}
    one = timed(sphinx, env)
    one_reran = sorted(k for k, v in stamps(gen).items() if before.get(k) != v[0])

    rows = sorted(((k, s) for k, (_, s) in stamps(gen).items()), key=lambda kv: -kv[1]["wall"])
    result = {
        "cores": cores, "examples": len(rows), "cold_html_s": round(cold_html, 1), "pytest_s": pytest_wall and round(pytest_wall, 1),
        "cold_test_s": cold_test and round(cold_test, 1), "sum_example_cpu_s": round(cpu_sum, 1), "overhead_ratio": round(ratio, 3),
        "cold_html_fresh_s": round(cold_fresh, 1), "sum_example_cpu_fresh_s": round(cpu_fresh, 1),
        "preload_speedup": round(speedup, 2), "preloaded": preloaded,
        "noop_html_s": round(noop, 1), "noop_reran": noop_reran, "one_changed_html_s": round(one, 1),
        "one_changed_reran": one_reran,
        "per_example": {k: {**{x: s[x] for x in ("env", "wall", "cpu", "maxrss_mb")},
                            "wall_fresh": fresh.get(k, {}).get("wall"), "cpu_fresh": fresh.get(k, {}).get("cpu")}
                        for k, s in rows},
    }
    (BENCH / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

    print_table({k: (0, s) for k, s in rows}, fresh)
    worst_wall, worst_rss = max(s["wall"] for _, s in rows), max(s["maxrss_mb"] for _, s in rows)
    checks = build_checks + ([] if builds_only else [
        ("冷 make test（构建 + pytest）", f"{cold_test:.0f} s", f"≤ {TARGETS['cold_test_s']} s", cold_test <= TARGETS["cold_test_s"])]) + [
        ("开销比 墙钟 ÷ (Σ CPU ÷ 核数)", f"{cold_html:.0f} ÷ ({cpu_sum:.0f} ÷ {cores}) = {ratio:.2f}",
         f"≤ {TARGETS['overhead_ratio']}", ratio <= TARGETS["overhead_ratio"]),
        ("无改动的 make html", f"{noop:.1f} s，重跑 {noop_reran} 个", f"≤ {TARGETS['noop_html_s']} s，0 个",
         noop <= TARGETS["noop_html_s"] and noop_reran == 0),
        ("改动一个示例的 make html", f"{one:.1f} s，重跑 {len(one_reran)} 个", "恰好 1 个", one_reran == [changed]),
        ("最慢的示例", f"{worst_wall:.1f} s", f"≤ {TARGETS['example_wall_s']} s", worst_wall <= TARGETS["example_wall_s"]),
        ("最大的峰值内存", f"{worst_rss:.0f} MB", f"≤ {TARGETS['example_rss_mb']} MB", worst_rss <= TARGETS["example_rss_mb"]),
    ]
    print_checks(checks)
    tested = "，--builds-only：没有运行 pytest" if builds_only else f" + pytest {pytest_wall:.0f} s"
    print(f"\n（冷构建 {cold_html:.0f} s{tested}；结果写在 {BENCH / 'bench.json'}）")


def print_table(per, fresh):
    """每个示例（按预加载的墙钟排序）：预加载的墙钟、CPU、峰值内存，新进程的墙钟与导入占比。"""
    print(f"\n{'示例':<52}{'环境':<7}{'墙钟 s':>8}{'CPU s':>8}{'峰值 MB':>9}{'新进程 s':>10}{'导入占比':>9}")
    for k, (_, s) in sorted(per.items(), key=lambda kv: -kv[1][1]["wall"]):
        f = fresh.get(k, {}).get("wall")
        extra = f"{f:>10.1f}{(f - s['wall']) / f if f else 0:>9.0%}" if f is not None else ""
        print(f"{k:<52}{s['env']:<7}{s['wall']:>8.1f}{s['cpu']:>8.1f}{s['maxrss_mb']:>9.0f}{extra}")
    print("（预加载子进程的峰值内存不含 fork 时与服务端共享、未再触碰的页；两次冷构建在同一次基准里先后测得，"
          "机器有其他负载时看比值）")


def print_checks(checks):
    print(f"\n{'指标':<32}{'测得':<34}{'目标':<18}结果")
    for name, got, target, ok in checks:
        print(f"{name:<32}{got:<34}{target:<18}{'达到' if ok else '未达到'}")


if __name__ == "__main__":
    # Ctrl-C 也到达同一进程组里的 sphinx-build / pytest，它们各自停下示例；SIGTERM 照 Ctrl-C 处理
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("已中断：基准没有完成，_build/bench/ 里的结果不完整。")
