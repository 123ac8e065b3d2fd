"""示例结果的命令行：分片运行、导出、导入（CI 把示例分到多台机器上跑，见 README“CI 如何扩展”）。

    python docs/_ext/results_cli.py run [--shard k/N]        只运行（本片里）过期的示例
    python docs/_ext/results_cli.py export 归档.tar.gz [--shard k/N]
    python docs/_ext/results_cli.py import 归档.tar.gz …     逐个核对后导入，对不上的拒绝
    python docs/_ext/results_cli.py plan                      按记录的耗时估计 N = 1…8 片的墙钟时间

Makefile 的 ``make examples``、``make export-results``、``make import-results`` 调用它；生成目录、
并行数等开关与构建相同（MMDL_GEN_DIR、MMDL_JOBS……，见 runner/settings.py）。
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import prerun  # noqa: E402
import runner  # noqa: E402
from runner import process, shard, transfer  # noqa: E402


def _selected(s: runner.Settings, spec: str | None) -> list[str]:
    rels = runner.all_examples(s)
    return shard.select(rels, spec) if spec else rels


def cmd_run(s: runner.Settings, args: argparse.Namespace) -> int:
    chosen = set(_selected(s, args.shard))
    todo, failed = prerun.stale_examples(s)
    todo = [rel for rel in todo if rel in chosen]
    failed = {rel: why for rel, why in failed.items() if rel in chosen}
    where = f"第 {args.shard} 片" if args.shard else "全部"
    print(f"{where}：{len(chosen)} 个示例，{len(todo)} 个需要运行", flush=True)
    if s.mode == "never" and todo:
        failed.update({rel: f"示例 {rel} 的输出已过期（MMDL_RUN=never 禁止运行）" for rel in todo})
        todo = []
    prerun.run_all(s, todo, failed)
    for rel in sorted(failed):
        print(failed[rel], file=sys.stderr)
    return 1 if failed else 0


def cmd_export(s: runner.Settings, args: argparse.Namespace) -> int:
    rels = transfer.export(s, _selected(s, args.shard), Path(args.archive))
    print(f"导出 {len(rels)} 个示例的结果到 {args.archive}")
    return 0


def cmd_import(s: runner.Settings, args: argparse.Namespace) -> int:
    accepted, rejected = transfer.import_archives(s, [Path(a) for a in args.archives])
    print(f"导入 {len(accepted)} 个示例的结果")
    for rel, why in sorted(rejected.items()):
        print(f"拒绝 {rel}：{why}", file=sys.stderr)
    return 1 if rejected else 0


def cmd_plan(s: runner.Settings, args: argparse.Namespace) -> int:
    durations = shard.load_durations()
    rels = runner.all_examples(s)
    jobs = s.jobs
    print(f"{len(rels)} 个示例，记录的耗时合计 {sum(durations.get(r, 0) for r in rels):.0f} 秒，每片 {jobs} 个并行进程")
    for n in range(1, args.max + 1):
        print(f"N = {n}：最慢一片约 {shard.expected_wall(rels, n, durations, jobs):.0f} 秒")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="运行过期的示例")
    p.add_argument("--shard", help="只运行第 k/N 片（例如 2/3）")
    p = sub.add_parser("export", help="把有效的结果导出为 tar.gz")
    p.add_argument("archive")
    p.add_argument("--shard", help="只导出第 k/N 片")
    p = sub.add_parser("import", help="导入结果归档（逐个核对）")
    p.add_argument("archives", nargs="+")
    p = sub.add_parser("plan", help="估计 N 片时的墙钟时间")
    p.add_argument("--max", type=int, default=8)
    args = parser.parse_args(argv)
    if getattr(args, "shard", None):
        try:
            shard.parse_spec(args.shard)
        except shard.ShardError as exc:
            parser.error(str(exc))
    commands = {"run": cmd_run, "export": cmd_export, "import": cmd_import, "plan": cmd_plan}
    try:
        return commands[args.command](runner.resolve(), args)
    except (transfer.TransferError, shard.ShardError, runner.SettingsError, runner.ExampleError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except process.Interrupted:
        return 130


if __name__ == "__main__":
    sys.exit(main())
