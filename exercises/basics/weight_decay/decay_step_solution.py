def decay_step(w, grad, lr, lam):
    """一步梯度下降，目标是 L(w) + lam/2·‖w‖²；grad = ∇L(w)。返回新的 w，不要原地修改。"""
    return (1 - lr * lam) * w - lr * grad
