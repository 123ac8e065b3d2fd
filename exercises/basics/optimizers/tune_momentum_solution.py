def best_momentum():
    """返回一个 μ（0 ≤ μ < 1），使 steps_needed(μ) 尽量小。可以调用上面的 steps_needed。"""
    grid = np.linspace(0, 0.99, 100)
    return grid[np.argmin([steps_needed(m) for m in grid])]
