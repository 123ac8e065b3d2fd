def tape_grad(f, x):
    """返回 ∇f(x)（NumPy 数组，形状同 x）。"""
    x = tf.Variable(x, dtype=tf.float64)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x).numpy()
