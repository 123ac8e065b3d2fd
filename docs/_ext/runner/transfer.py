"""把示例的结果带到另一台机器：导出为一个 tar.gz，再导入另一个生成目录。

结果目录自己说明自己（store.py）：stamp.json 里有结果键、全部输入的哈希和每个输出文件的 sha256。
导出只收有效的结果；导入时每个结果先解到生成目录旁的临时目录，用 ``store.verify`` 按**本机现在的**
输入重算键、核对每个输出文件，都对上了才在锁里原子地换上，否则拒绝并说明原因。所以别处跑出的、
被改过的或已经过期的结果永远不会被当作有效结果使用。
"""
from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path

from . import store
from .catalogue import all_examples
from .settings import Settings

INDEX = "results.json"  # 归档里的目录：{"results": [示例相对路径, …]}


class TransferError(Exception):
    """导出或导入做不下去（文件缺失、不是本站的结果归档）；消息是给人看的一句话。"""


def export(s: Settings, rels: list[str], archive: Path) -> list[str]:
    """把 rels 的有效结果写进 archive（tar.gz）。任何一个没有有效结果时抛出 TransferError。"""
    invalid = {rel: why for rel in rels if (why := store.verify(s, rel))}
    if invalid:
        lines = "\n".join(f"  {rel}：{why}" for rel, why in sorted(invalid.items()))
        raise TransferError(f"{len(invalid)} 个示例没有有效的结果，不能导出（先运行它们）：\n{lines}")
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".part")
    with tarfile.open(tmp, "w:gz") as tar:
        for rel in sorted(rels):
            tar.add(store.result_dir(s, rel), arcname=f"examples/{rel[:-3]}")
        index = json.dumps({"results": sorted(rels)}, ensure_ascii=False).encode()
        info = tarfile.TarInfo(INDEX)
        info.size = len(index)
        with tempfile.TemporaryFile() as fh:
            fh.write(index)
            fh.seek(0)
            tar.addfile(info, fh)
    tmp.replace(archive)
    return sorted(rels)


def import_archive(s: Settings, archive: Path) -> tuple[list[str], dict[str, str]]:
    """导入一个归档：返回 (接受的示例, {被拒绝的示例: 原因})。"""
    archive = Path(archive)
    if not archive.is_file():
        raise TransferError(f"找不到结果归档 {archive}")
    known = set(all_examples(s))
    base = s.results_dir
    base.mkdir(parents=True, exist_ok=True)
    accepted, rejected = [], {}
    with tempfile.TemporaryDirectory(dir=base, prefix=".import-") as tmp:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(tmp, filter="data")  # 拒绝绝对路径、.. 与链接到外面的成员
        except (tarfile.TarError, OSError) as exc:
            raise TransferError(f"{archive} 不是可读的 tar.gz：{exc}") from None
        try:
            rels = json.loads((Path(tmp) / INDEX).read_text(encoding="utf-8"))["results"]
        except (OSError, ValueError, KeyError, TypeError):
            raise TransferError(f"{archive} 不是本站导出的结果归档（缺少 {INDEX}）") from None
        for rel in rels:
            if rel not in known:
                rejected[rel] = "本机没有这个示例"
                continue
            where = Path(tmp) / "examples" / rel[:-3]
            why = store.verify(s, rel, where)
            if why:
                rejected[rel] = why
                continue
            with store.lock(s, rel):  # 核对过的目录原子地换上（与发布同一个函数）
                store.swap_in(where, store.result_dir(s, rel))
            accepted.append(rel)
    return accepted, rejected


def import_archives(s: Settings, archives: list[Path]) -> tuple[list[str], dict[str, str]]:
    accepted, rejected = [], {}
    for archive in archives:
        a, r = import_archive(s, archive)
        accepted += a
        rejected.update({rel: f"{Path(archive).name}：{why}" for rel, why in r.items()})
    return accepted, rejected
