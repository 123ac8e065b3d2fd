def fit_linear(X, y):
    """X: (n, d)，y: (n,)，都是 float32 的 NumPy 数组。返回 (w, b)：形状 (d,) 的数组与一个数。"""
    w = tf.Variable(tf.zeros(X.shape[1]))
    b = tf.Variable(0.0)
    opt = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(150):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((tf.linalg.matvec(X, w) + b - y) ** 2)
        opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
    return w.numpy(), float(b.numpy())
