"""把示例分成 N 片，供 CI 的矩阵任务各跑一片。

按记录的耗时做“最长处理时间优先”（LPT）：示例按耗时从长到短排好，每个交给当前总耗时
最少的一片。耗时来自 ``.ci/durations.json``（``make bench`` 刷新它）；没有记录的示例按已知
耗时的中位数估计。同样的输入总得到同样的划分，各片互不重叠，合起来正好是全部示例。
"""
from __future__ import annotations

import heapq
import json
import re
import statistics
from pathlib import Path

DURATIONS = Path(__file__).resolve().parents[3] / ".ci" / "durations.json"
SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardError(ValueError):
    """分片参数写错了；消息是给人看的一句话。"""


def parse_spec(text: str) -> tuple[int, int]:
    """'2/3' → (2, 3)：第 2 片，共 3 片（从 1 数起）。"""
    m = SPEC.match(text or "")
    if not m:
        raise ShardError(f"分片应写成 k/N（例如 2/3），收到 {text!r}")
    k, n = int(m.group(1)), int(m.group(2))
    if not 1 <= k <= n:
        raise ShardError(f"分片 {k}/{n} 不存在：k 应在 1 到 {n} 之间")
    return k, n


def load_durations(path: Path = DURATIONS) -> dict[str, float]:
    """{示例相对路径: 墙钟秒数}；文件不存在时为空（全部按同样的耗时估计）。"""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise ShardError(f"耗时记录 {path} 不是合法的 JSON：{exc}") from None
    return {rel: float(v) for rel, v in data.items()}


def costs(rels: list[str], durations: dict[str, float]) -> dict[str, float]:
    """每个示例的估计耗时：有记录用记录，没有的按已知耗时的中位数估计（分片与构建的运行顺序共用）。"""
    known = [durations[r] for r in rels if r in durations]
    guess = statistics.median(known) if known else 1.0
    return {r: durations.get(r, guess) for r in rels}


def partition(rels: list[str], n: int, durations: dict[str, float]) -> list[list[str]]:
    """把 rels 分成 n 片（LPT），每片按名字排序。"""
    if n < 1:
        raise ShardError(f"片数必须是正整数，收到 {n}")
    cost = costs(rels, durations)
    heap = [(0.0, i) for i in range(n)]
    shards: list[list[str]] = [[] for _ in range(n)]
    for rel in sorted(rels, key=lambda r: (-cost[r], r)):
        load, i = heapq.heappop(heap)
        shards[i].append(rel)
        heapq.heappush(heap, (load + cost[rel], i))
    return [sorted(s) for s in shards]


def select(rels: list[str], spec: str, durations: dict[str, float] | None = None) -> list[str]:
    """第 k/N 片里的示例。"""
    k, n = parse_spec(spec)
    return partition(rels, n, load_durations() if durations is None else durations)[k - 1]


def expected_wall(rels: list[str], n: int, durations: dict[str, float], jobs: int = 2) -> float:
    """N 片时最慢一片跑示例的估计墙钟秒数（每片 jobs 个并行进程）。"""
    return max(sum(durations.get(r, 0.0) for r in s) for s in partition(rels, n, durations)) / jobs
