"""构建开始前并行运行示例，并显示进度；Ctrl-C / SIGTERM 时停下正在运行的示例、不再启动排队的。

进度写到 stderr（``-q`` 也看得到）：终端里是一行不断更新的状态，CI 日志里每结束一个示例一行。
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import TextIO

import runner
from runner import preload, process, shard


class Progress:
    """已完成/总数、正在运行的示例、已用时间。"""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.done, self.running = total, 0, []
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.t0 = time.monotonic()

    def _elapsed(self) -> str:
        s = int(time.monotonic() - self.t0)
        return f"{s // 60}:{s % 60:02d}"

    def _show(self, text: str, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        elif final:
            self.stream.write(text + "\n")
        self.stream.flush()

    def started(self, rel: str) -> None:
        self.running.append(rel)
        more = f"（另有 {len(self.running) - 1} 个）" if len(self.running) > 1 else ""
        self._show(f"示例 {self.done}/{self.total} · {self._elapsed()} · 正在运行 {self.running[0]}{more}")

    def finished(self, rel: str, outcome: str) -> None:
        self.running.remove(rel)
        self.done += 1
        line = f"示例 {self.done}/{self.total} · {self._elapsed()} · {rel} {outcome}"
        if self.tty and self.done < self.total:
            self._show(line + (f" · 正在运行 {self.running[0]}" if self.running else ""))
        else:
            self._show(line, final=True)

    def interrupted(self, killed: int) -> None:
        if self.tty:
            self.stream.write("\n")
        left = self.total - self.done - killed
        self.stream.write(f"已中断：停止了 {killed} 个正在运行的示例，{max(left, 0)} 个没有开始；"
                          "它们的结果没有保存，下次构建会重新运行。\n")
        self.stream.flush()


def stale_examples(s: runner.Settings) -> tuple[list[str], dict[str, str]]:
    """要在构建前运行的示例（always：全部；否则：过期的）与声明有误的示例。"""
    todo, failed = [], {}
    for rel in runner.all_examples(s):
        try:
            runner.declared_env(s, rel)
            if s.mode == "always" or not runner.is_fresh(s, rel):
                todo.append(rel)
        except runner.ExampleError as exc:
            failed[rel] = str(exc)
    return todo, failed


def schedule(s: runner.Settings, todo: list[str]) -> list[str]:
    """运行顺序：用同一种预加载解释器（同一环境、同一组预加载的库）的示例排在一起，总耗时长的组在前，
    组内长的在前（耗时取自 .ci/durations.json）。

    每种解释器启动一次要导入它的库（TensorFlow 约 3.5 秒）；按目录顺序跑，几种解释器交替出现，
    空闲的放不下时就要关掉再重启。排在一起，每个工作线程每种解释器只启动一次；长的在前，最后不会
    只剩一个长示例在跑、另一个核闲着。
    """
    cost = shard.costs(todo, shard.load_durations())

    def group(rel: str) -> tuple:
        return runner.declared_env(s, rel), tuple(preload.modules_for([str(s.examples / rel)]))

    groups: dict[tuple, list[str]] = {}
    for rel in todo:
        groups.setdefault(group(rel), []).append(rel)
    ordered = sorted(groups.values(), key=lambda g: (-sum(cost[r] for r in g), g[0]))
    return [rel for g in ordered for rel in sorted(g, key=lambda r: (-cost[r], r))]


def run_all(s: runner.Settings, todo: list[str], failed: dict[str, str]) -> None:
    """并行运行 todo；出错的示例记进 failed。Ctrl-C/SIGTERM：杀掉运行中的、取消排队的，抛出 Interrupted。"""
    if not todo:
        return
    process.install_signal_handlers()
    progress = Progress(len(todo))

    def one(rel: str) -> str:
        process.check_cancelled()
        progress.started(rel)
        try:
            r = runner.run_cached(s, rel)
            progress.finished(rel, f"{r.stamp['wall']:.1f} 秒")
        except runner.ExampleError as exc:
            failed[rel] = str(exc)
            progress.finished(rel, "出错")
        except BaseException:
            progress.running.remove(rel)
            raise
        return rel

    pool = ThreadPoolExecutor(max_workers=s.jobs)
    pending = {pool.submit(one, rel) for rel in schedule(s, todo)}
    try:
        while pending:
            done, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
            for f in done:
                f.result()
    except KeyboardInterrupt:
        killed = process.cancel() or len(progress.running)
        pool.shutdown(wait=True, cancel_futures=True)
        progress.interrupted(killed)
        raise process.Interrupted() from None
    pool.shutdown(wait=True)
