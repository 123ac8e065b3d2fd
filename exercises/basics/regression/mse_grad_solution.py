def mse_grad(X, y, w, b):
    """损失 L = mean((X @ w + b - y) ** 2) 对 w（形状同 w）与 b（标量）的梯度，返回 (dw, db)。"""
    r = X @ w + b - y
    return 2 * X.T @ r / len(y), 2 * r.mean()
