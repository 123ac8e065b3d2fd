# env: main
"""练习（数据集）：严格地解析 IDX 文件。

在两行标记之间写完 parse_idx(data, max_bytes)：data 是解压后的 IDX 文件内容（bytes）。格式正确时返回形状与
类型都对的 NumPy 数组；否则抛出 ValueError——魔数不以 00 00 开头、类型码未知、维数为 0、数据的字节数
不恰好等于声明的大小，或声明的大小超过 max_bytes（读数据之前就要拒绝）。
然后运行 python parse_idx.py：批改用几份正确的文件和一组坏文件检查它。
"""
import struct
import sys
import time

import numpy as np

# 类型码 → 大端的 NumPy 类型（正文“IDX 格式与严格解析”一节的表）
DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}

# ====== 你的代码从这里开始 ======
def parse_idx(data, max_bytes=64 << 20):
    """返回 NumPy 数组；格式不对时抛出 ValueError（消息说明哪里不对）。"""
    raise NotImplementedError("parse_idx(data, max_bytes) 还没有写")
# ====== 你的代码到这里结束 ======


def encode(arr, code):
    """把数组写成 IDX 文件的字节（批改用来造测试文件）。"""
    head = bytes([0, 0, code, arr.ndim]) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return head + np.ascontiguousarray(arr, dtype=DTYPES[code]).tobytes()


rng = np.random.default_rng(0)
GOOD = [("3 维的 0x08 图片", rng.integers(0, 256, (5, 4, 3)).astype(np.uint8), 0x08),
        ("1 维的 0x0C 整数", rng.integers(-1000, 1000, 7).astype(np.int32), 0x0C),
        ("2 维的 0x0D 浮点数", rng.normal(size=(3, 2)).astype(np.float32), 0x0D)]
ok = encode(GOOD[0][1], 0x08)
BAD = [("截断了一个字节", ok[:-1]), ("多了一个字节", ok + b"\0"), ("魔数开头不是 00 00", b"\1" + ok[1:]),
       ("类型码 0x07 未知", ok[:2] + b"\x07" + ok[3:]), ("维数为 0", bytes([0, 0, 8, 0])),
       ("头部不完整", ok[:9]), ("声明了 60000³ 个元素", bytes([0, 0, 8, 3]) + struct.pack(">3I", 60000, 60000, 60000))]


def check_good():
    for name, arr, code in GOOD:
        got = parse_idx(encode(arr, code))
        if not isinstance(got, np.ndarray) or got.shape != arr.shape or not np.array_equal(got, arr):
            return f"{name}：应返回形状 {arr.shape}、与写入的值相同的数组（多字节类型是大端）"


def check_bad():
    for name, data in BAD:
        t0 = time.perf_counter()
        try:
            parse_idx(data)
        except ValueError:
            pass
        else:
            return f"坏文件“{name}”：应抛出 ValueError，你的函数正常返回了"
        if time.perf_counter() - t0 > 1:
            return f"坏文件“{name}”：拒绝它用了一秒以上，应在读数据之前就按声明的大小拒绝"


def check_limit():
    data = encode(GOOD[0][1], 0x08)
    try:
        parse_idx(data, max_bytes=59)
    except ValueError:
        return None if parse_idx(data, max_bytes=60).shape == (5, 4, 3) else "max_bytes 恰好等于数据大小时应能解析"
    return "声明 60 字节的数据、max_bytes=59：应抛出 ValueError"


CHECKS = [("正确的文件", check_good), ("坏文件一律是 ValueError", check_bad), ("大小上限 max_bytes", check_limit)]


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
