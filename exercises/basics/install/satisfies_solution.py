def satisfies(version, spec):
    """version: "1.23.5"；spec: ">=1.26,<3" 这样的字符串。返回 True 或 False。"""
    def key(v):   # "1.24" 与 "1.24.0" 相等：补 0 到同样的长度再逐段比较整数
        parts = [int(p) for p in v.split(".")]
        return tuple(parts + [0] * (8 - len(parts)))

    ops = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<=": lambda a, b: a <= b,
           ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, ">": lambda a, b: a > b}
    for part in spec.split(","):
        part = part.strip()
        op = next(o for o in ("==", "!=", "<=", ">=", "<", ">") if part.startswith(o))
        if not ops[op](key(version), key(part[len(op):].strip())):
            return False
    return True
