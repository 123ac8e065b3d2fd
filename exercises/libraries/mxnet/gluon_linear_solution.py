def fit_linear(X, y, epochs, lr, batch_size):
    """X：(n, d) 的 NumPy 数组，y：(n,)。返回 (w, b)：w 形状 (d,) 的 NumPy 数组，b 是 float。"""
    net = nn.Dense(1)
    net.initialize(init.Normal(0.01))
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    loss_fn = gluon.loss.L2Loss()
    X, y = np.array(X), np.array(y).reshape(-1, 1)
    for _ in range(epochs):
        for i in range(0, len(X), batch_size):
            xb, yb = X[i:i + batch_size], y[i:i + batch_size]
            with autograd.record():
                loss = loss_fn(net(xb), yb)
            loss.backward()
            trainer.step(xb.shape[0])      # 损失是一批之和，step 先把梯度除以批量大小
    return net.weight.data().asnumpy().ravel(), float(net.bias.data().asnumpy()[0])
