def nesterov_step(w, v, grad_fn, lr, mu):
    """一步 Nesterov 动量：grad_fn(w) 返回梯度；返回新的 (w, v)。"""
    v = mu * v - lr * grad_fn(w + mu * v)
    return w + v, v
