"""把示例的结果带到另一台机器：导出为一个 tar.gz，再导入另一个生成目录。

结果目录自己说明自己（store.py）：stamp.json 里有结果键、全部输入的哈希和每个输出文件的 sha256。
导出只收有效的结果；导入时每个结果先解到生成目录旁的临时目录，用 ``store.verify`` 按**本机现在的**
输入重算键、核对每个输出文件，都对上了才在锁里原子地换上，否则拒绝并说明原因。所以别处跑出的、
被改过的或已经过期的结果永远不会被当作有效结果使用。
"""
from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from . import store
from .catalogue import ExampleError, all_examples
from .settings import current

INDEX = "results.json"  # 归档里的目录：{"results": [示例相对路径, …]}


class TransferError(Exception):
    """导出或导入做不下去（文件缺失、不是本站的结果归档）；消息是给人看的一句话。"""


def export(rels: list[str], archive: Path) -> list[str]:
    """把 rels 的有效结果写进 archive（tar.gz）。任何一个没有有效结果时抛出 TransferError。"""
    invalid = {rel: why for rel in rels if (why := store.verify(rel))}
    if invalid:
        lines = "\n".join(f"  {rel}：{why}" for rel, why in sorted(invalid.items()))
        raise TransferError(f"{len(invalid)} 个示例没有有效的结果，不能导出（先运行它们）：\n{lines}")
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".part")
    with tarfile.open(tmp, "w:gz") as tar:
        for rel in sorted(rels):
            tar.add(store.result_dir(rel), arcname=f"examples/{rel[:-3]}")
        index = json.dumps({"results": sorted(rels)}, ensure_ascii=False).encode()
        info = tarfile.TarInfo(INDEX)
        info.size = len(index)
        with tempfile.TemporaryFile() as fh:
            fh.write(index)
            fh.seek(0)
            tar.addfile(info, fh)
    tmp.replace(archive)
    return sorted(rels)


def _install(rel: str, src: Path) -> None:
    """在锁里把已核对的结果目录 src 换成 rel 的结果目录（同一文件系统上的改名）。"""
    with store.lock(rel):
        dest = store.result_dir(rel)
        old = dest.with_name(dest.name + ".import-old")
        shutil.rmtree(old, ignore_errors=True)
        if dest.exists():
            dest.rename(old)
        src.rename(dest)
        shutil.rmtree(old, ignore_errors=True)


def import_archive(archive: Path) -> tuple[list[str], dict[str, str]]:
    """导入一个归档：返回 (接受的示例, {被拒绝的示例: 原因})。"""
    archive = Path(archive)
    if not archive.is_file():
        raise TransferError(f"找不到结果归档 {archive}")
    known = set(all_examples())
    base = current().gen_dir / "examples"
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
            why = store.verify(rel, where)
            if why:
                rejected[rel] = why
                continue
            _install(rel, where)
            accepted.append(rel)
    return accepted, rejected


def import_archives(archives: list[Path]) -> tuple[list[str], dict[str, str]]:
    accepted, rejected = [], {}
    for archive in archives:
        a, r = import_archive(archive)
        accepted += a
        rejected.update({rel: f"{Path(archive).name}：{why}" for rel, why in r.items()})
    return accepted, rejected


def check_all_fresh(rels: list[str] | None = None) -> dict[str, str]:
    """{没有有效结果的示例: 原因}；全部有效时为空。"""
    out = {}
    for rel in rels if rels is not None else all_examples():
        try:
            why = store.verify(rel)
        except ExampleError as exc:
            why = str(exc)
        if why:
            out[rel] = why
    return out
