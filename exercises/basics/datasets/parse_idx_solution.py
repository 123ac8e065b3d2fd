def parse_idx(data, max_bytes=64 << 20):
    """返回 NumPy 数组；格式不对时抛出 ValueError（消息说明哪里不对）。"""
    if len(data) < 4 or data[:2] != b"\0\0":
        raise ValueError("魔数应以 00 00 开头")
    code, ndim = data[2], data[3]
    if code not in DTYPES or ndim == 0:
        raise ValueError(f"类型码 {code:#04x} 未知或维数为 0")
    if len(data) < 4 + 4 * ndim:
        raise ValueError("头部不完整")
    shape = struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])
    dtype = np.dtype(DTYPES[code])
    size = dtype.itemsize * int(np.prod(shape, dtype=object))   # Python 整数，不会溢出
    if size > max_bytes:
        raise ValueError(f"声明的数据有 {size} 字节，超过上限 {max_bytes}")
    body = data[4 + 4 * ndim:]
    if len(body) != size:
        raise ValueError(f"数据应有 {size} 字节，实际 {len(body)} 字节")
    return np.frombuffer(body, dtype=dtype).reshape(shape)
