def update(w, b, x, y, lr=1.0):
    """感知机对一个样本 (x, y)（y 为 +1 或 -1）的更新，返回新的 (w, b)；不要原地修改 w。"""
    if y * (w @ x + b) <= 0:
        return w + lr * y * x, b + lr * y
    return w, b
