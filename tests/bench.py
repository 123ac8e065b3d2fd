"""make bench：测量管线的速度与内存，对照目标打印表格，并写 $MMDL_GEN_DIR/bench/bench.json。

全部在 $MMDL_GEN_DIR/bench/（make 的 BUILDDIR，默认 _build）里进行（示例复制一份，生成目录单独一份）；
仓库里只写一个文件：分片用的耗时记录 .ci/durations.json（预加载冷构建里每个示例的墙钟）。
  1. 冷构建网站（所有示例都要运行）：墙钟时间、Σ 示例 CPU 时间、开销比 = 墙钟 ÷ (Σ CPU ÷ 核数)；
     同一次基准里先不用预加载（MMDL_PRELOAD=0）冷构建一遍：两者之比、两种方式的 Σ CPU，
     以及每个示例的导入占比 =（新进程墙钟 − 预加载墙钟）÷ 新进程墙钟
  2. 测试阶段，冷（测试的记忆是空的）：pytest 的墙钟与运行的检查数
  3. 什么都没改时再构建：墙钟时间、重跑的示例数；再来一遍 make test 的三步（无改动的构建 + lint + pytest，
     记忆是满的）：墙钟与运行的检查数
  4. 改动一个示例（加一行注释）后：构建的墙钟、重跑的示例数；make test 的三步的墙钟与运行的检查数
  5. CI 模式的测试阶段（MMDL_STRICT=1：记忆关掉，每项都运行）：墙钟与检查数
  6. 每个示例：墙钟、CPU、峰值内存、解释器（预加载），新进程的墙钟与导入占比
  另外（第 1 步的构建里）：深色版本的图花的 CPU 秒 ÷ 其余的 Σ 示例 CPU（≤ 10 %）

``python tests/bench.py --builds-only`` 只做构建（第 1、3、4 步的构建与第 6 步）；
``python tests/bench.py --tests-only`` 不做两次冷构建：把 $BUILDDIR/examples 的结果复制过来再构建
（只重跑过期的示例），然后做第 2–5 步。
"""
import json
import os
import re
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
TARGETS = {"cold_html_s": 60, "preload_speedup": 2.0, "cold_tests_s": 300, "warm_make_test_s": 30, "one_changed_make_test_s": 120,
           "overhead_ratio": 1.25, "noop_html_s": 3, "example_wall_s": 20, "example_rss_mb": 1536,
           "dark_cost": 0.10}


def stamps(gen):
    out = {}
    for p in (gen / "examples").rglob("stamp.json"):
        out[p.parent.relative_to(gen / "examples").as_posix() + ".py"] = (p.stat().st_mtime_ns, json.loads(p.read_text()))
    return out


def write_durations(per):
    """分片用的耗时记录 .ci/durations.json（README“CI 如何扩展”）：预加载冷构建里每个示例的墙钟秒数。"""
    data = {k: round(s["wall"], 2) for k, (_, s) in sorted(per.items())}
    (ROOT / ".ci" / "durations.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def counted(out):
    """pytest 的输出里：运行了几项（通过 + 失败 + 出错 + 跳过）、记忆跳过了几项。"""
    ran = sum(int(n) for n, _ in re.findall(r"(\d+) (passed|failed|errors?|skipped)", out.splitlines()[-1] if out.strip() else ""))
    memo = re.search(r"记忆：(\d+) 项", out)
    return ran, int(memo.group(1)) if memo else 0


def timed(cmd, env, output=False):
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
    return (wall, out) if output else wall


def main():
    shutil.rmtree(BENCH, ignore_errors=True)
    examples, gen = BENCH / "examples", BENCH / "gen"
    shutil.copytree(ROOT / "examples", examples, ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, MMDL_EXAMPLES_DIR=str(examples), MMDL_GEN_DIR=str(gen), MMDL_HTML_DIR=str(gen / "html"))
    for k in ("CI", "MMDL_STRICT", "MMDL_MEMO"):
        env.pop(k, None)  # 本地的 make test：记忆开着；CI 模式在第 5 步单独测
    sphinx = [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-c", ".", "docs", str(gen / "html")]
    if resolve().editions_dir.is_dir():  # 成书（make pdf epub 的产物）：网站链接它们，成书的检查读它们
        shutil.copytree(resolve().editions_dir, gen / "editions")
    jobs = os.environ.get("MMDL_JOBS", "2")
    pytest = [sys.executable, "-m", "pytest", "-q", "-n", jobs, "-o", f"cache_dir={gen / 'pytest-cache'}", "tests"]
    lint = [[sys.executable, "-m", "ruff", "check", "-q", "."], [sys.executable, "-m", "sphinxlint", "docs", "README.md"]]
    cores = os.cpu_count() or 1
    builds_only, tests_only = "--builds-only" in sys.argv[1:], "--tests-only" in sys.argv[1:]
    checks, result = [], {"cores": cores}

    if tests_only:
        print("1/5 构建网站（复用 $BUILDDIR/examples 里的结果，只重跑过期的示例）……", flush=True)
        if resolve().results_dir.is_dir():
            shutil.copytree(resolve().results_dir, gen / "examples")
        result["html_s"] = round(timed(sphinx, env), 1)
        per, fresh = stamps(gen), {}
    else:
        print("1/5 冷构建网站（不预加载，MMDL_PRELOAD=0）……", flush=True)
        gen_fresh = BENCH / "gen-fresh"
        cold_fresh = timed(sphinx[:-1] + [str(BENCH / "html-fresh")],
                           dict(env, MMDL_PRELOAD="0", MMDL_GEN_DIR=str(gen_fresh), MMDL_HTML_DIR=str(BENCH / "html-fresh")))
        fresh = {k: s for k, (_, s) in stamps(gen_fresh).items()}
        cpu_fresh = sum(s["cpu"] for s in fresh.values())
        print("1/5 冷构建网站（预加载）……", flush=True)
        cold_html = timed(sphinx, dict(env, MMDL_PRELOAD="1"))
        per = stamps(gen)
        write_durations(per)
        cpu_sum = sum(s["cpu"] for _, s in per.values())
        ratio, speedup = cold_html / (cpu_sum / cores), cold_fresh / cold_html
        preloaded = sum(1 for _, s in per.values() if s.get("preloaded"))
        checks += [
            ("冷 make html（预加载）", f"{cold_html:.0f} s（{preloaded}/{len(per)} 个预加载）", f"≤ {TARGETS['cold_html_s']} s",
             cold_html <= TARGETS["cold_html_s"]),
            ("冷构建：新进程 ÷ 预加载", f"{cold_fresh:.0f} ÷ {cold_html:.0f} = {speedup:.2f}×",
             f"≥ {TARGETS['preload_speedup']}×", speedup >= TARGETS["preload_speedup"]),
            ("Σ 示例 CPU：新进程 / 预加载", f"{cpu_fresh:.0f} s / {cpu_sum:.0f} s", "（参考）", True),
            ("开销比 墙钟 ÷ (Σ CPU ÷ 核数)", f"{cold_html:.0f} ÷ ({cpu_sum:.0f} ÷ {cores}) = {ratio:.2f}",
             f"≤ {TARGETS['overhead_ratio']}", ratio <= TARGETS["overhead_ratio"]),
        ]
        result.update(cold_html_s=round(cold_html, 1), sum_example_cpu_s=round(cpu_sum, 1), overhead_ratio=round(ratio, 3),
                      cold_html_fresh_s=round(cold_fresh, 1), sum_example_cpu_fresh_s=round(cpu_fresh, 1),
                      preload_speedup=round(speedup, 2), preloaded=preloaded)

    def make_test():
        """make test 的三步：构建（无改动时什么也不跑）、lint、pytest；返回墙钟与 pytest 的输出。"""
        t0 = time.perf_counter()
        timed(sphinx, env)
        for cmd in lint:
            timed(cmd, env)
        _, out = timed(pytest, env, output=True)
        return time.perf_counter() - t0, out

    # 深色版本的图（mmdl_capture.py 的 _save_dark）的成本，同一次构建里测得：子进程把存深色版本花的 CPU 秒记进戳，
    # 与不画深色版本时的构建（Σ 示例 CPU − Σ 深色 CPU）相比；构建受 CPU 限制，墙钟按同样的比例增加
    dark = sum(s.get("dark_cpu", 0.0) for _, s in per.values())
    cpu_all = sum(s["cpu"] for _, s in per.values())
    dark_ratio = dark / max(cpu_all - dark, 1e-9)
    checks.append(("深色图的构建成本", f"{dark:.1f} s ÷ {cpu_all - dark:.0f} s = {dark_ratio:.1%}（Σ CPU）",
                   f"≤ {TARGETS['dark_cost']:.0%}", dark_ratio <= TARGETS["dark_cost"]))
    result.update(dark_cpu_s=round(dark, 2), dark_cost=round(dark_ratio, 4))

    if not builds_only:
        print("2/5 测试阶段，冷（记忆是空的）……", flush=True)
        cold_tests, out = timed(pytest, env, output=True)
        ran, _ = counted(out)
        checks.append(("冷测试阶段（记忆是空的）", f"{cold_tests:.0f} s，{ran} 项", f"≤ {TARGETS['cold_tests_s']} s",
                       cold_tests <= TARGETS["cold_tests_s"]))
        result.update(cold_tests_s=round(cold_tests, 1), cold_tests_items=ran)

    print("3/5 无改动的构建……", flush=True)
    before = {k: v[0] for k, v in stamps(gen).items()}
    noop = timed(sphinx, env)
    noop_reran = sum(1 for k, v in stamps(gen).items() if before.get(k) != v[0])
    checks.append(("无改动的 make html", f"{noop:.1f} s，重跑 {noop_reran} 个", f"≤ {TARGETS['noop_html_s']} s，0 个",
                   noop <= TARGETS["noop_html_s"] and noop_reran == 0))
    result.update(noop_html_s=round(noop, 1), noop_reran=noop_reran)
    if not builds_only:
        print("3/5 无改动的 make test（构建 + lint + pytest，记忆是满的）……", flush=True)
        warm, out = make_test()
        ran, memo = counted(out)
        checks.append(("无改动的 make test", f"{warm:.0f} s，运行 {ran} 项、记忆跳过 {memo} 项", f"≤ {TARGETS['warm_make_test_s']} s",
                       warm <= TARGETS["warm_make_test_s"]))
        result.update(warm_make_test_s=round(warm, 1), warm_items=ran, warm_memo=memo)

    print("4/5 改动一个示例（加一行注释）后……", flush=True)
    changed = "basics/activation/softmax_stability.py"
    path = examples / changed
    path.write_text(path.read_text(encoding="utf-8") + "\n# 基准测试加的一行注释\n", encoding="utf-8")
    before = {k: v[0] for k, v in stamps(gen).items()}
    if builds_only:
        one = timed(sphinx, env)
    else:
        one, out = make_test()
        ran, memo = counted(out)
        checks.append(("改动一个示例的 make test", f"{one:.0f} s，运行 {ran} 项、记忆跳过 {memo} 项",
                       f"≤ {TARGETS['one_changed_make_test_s']} s", one <= TARGETS["one_changed_make_test_s"]))
        result.update(one_changed_make_test_s=round(one, 1), one_changed_items=ran, one_changed_memo=memo)
    one_reran = sorted(k for k, v in stamps(gen).items() if before.get(k) != v[0])
    checks.append(("改动一个示例：重跑的示例", f"{len(one_reran)} 个", "恰好 1 个", one_reran == [changed]))
    result.update(one_changed_reran=one_reran)

    if not builds_only:
        print("5/5 CI 模式的测试阶段（MMDL_STRICT=1：记忆关掉，每项都运行）……", flush=True)
        ci, out = timed(pytest, dict(env, MMDL_STRICT="1"), output=True)
        ran, _ = counted(out)
        checks.append(("CI 模式的测试阶段", f"{ci:.0f} s，{ran} 项", "（参考；.ci/run 全程 ≤ 25 min）", True))
        result.update(ci_tests_s=round(ci, 1), ci_items=ran)

    rows = sorted(((k, s) for k, (_, s) in stamps(gen).items()), key=lambda kv: -kv[1]["wall"])
    result.update(examples=len(rows), per_example={
        k: {**{x: s[x] for x in ("env", "wall", "cpu", "maxrss_mb")},
            "wall_fresh": fresh.get(k, {}).get("wall"), "cpu_fresh": fresh.get(k, {}).get("cpu")} for k, s in rows})
    (BENCH / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

    print_table({k: (0, s) for k, s in rows}, fresh)
    worst_wall, worst_rss = max(s["wall"] for _, s in rows), max(s["maxrss_mb"] for _, s in rows)
    checks += [
        ("最慢的示例", f"{worst_wall:.1f} s", f"≤ {TARGETS['example_wall_s']} s", worst_wall <= TARGETS["example_wall_s"]),
        ("最大的峰值内存", f"{worst_rss:.0f} MB", f"≤ {TARGETS['example_rss_mb']} MB", worst_rss <= TARGETS["example_rss_mb"]),
    ]
    print_checks(checks)
    print(f"\n（结果写在 {BENCH / 'bench.json'}；同一次基准里先后测得，机器有其他负载时看比值）")


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
