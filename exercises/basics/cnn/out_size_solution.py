def out_size(n, k, p, s):
    """卷积输出的边长（整数）。"""
    return (n + 2 * p - k) // s + 1
