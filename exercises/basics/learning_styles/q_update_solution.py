def q_update(Q, s, a, r, s_next, done, lr, gamma):
    """Q：形状 (状态数, 动作数) 的数组。返回更新后的 Q。"""
    target = r + (0.0 if done else gamma * Q[s_next].max())
    Q[s, a] += lr * (target - Q[s, a])
    return Q
