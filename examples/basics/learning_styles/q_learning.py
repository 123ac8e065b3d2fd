# env: main
"""Q-learning：智能体在网格世界里试错，学会从起点走到终点的最短路线。

网格里 # 是墙，X 是陷阱（奖励 -1，回合结束），G 是终点（奖励 +1，回合结束），其余每步奖励 0，
折扣因子 γ < 1 使得越早到达终点回报越高。智能体不知道环境模型，只按 ε-贪心策略行动，
并用每一步的经验 (s, a, r, s') 更新 Q(s,a) ← Q(s,a) + η[r + γ max_a' Q(s',a') - Q(s,a)]。
左图箭头是学到的贪心策略（从未得到过非零价值的格子不画箭头）、颜色是 max_a Q(s,a)；
右图是每个回合走的步数。作为检验，另用已知环境模型的价值迭代求出最优的 Q*，
它满足贝尔曼最优方程 Q*(s,a) = r + γ max_a' Q*(s',a')。
"""
import argparse

import matplotlib.pyplot as plt
import numpy as np

from mmdl.cli import nonnegative_int, positive_int, probability

GRID = ["......G",
        ".##.#..",
        "..#.#X.",
        "....#..",
        "S.#...."]
ACTIONS = [(-1, 0), (1, 0), (0, -1), (0, 1)]      # 上、下、左、右


def find(ch):
    """网格里字符 ch 所在的 (行, 列)。"""
    return next((r, c) for r, row in enumerate(GRID) for c, x in enumerate(row) if x == ch)


def step(state, action):
    """确定性的环境：撞墙或出界则原地不动。返回 (下一状态, 奖励, 是否结束)。"""
    r, c = state[0] + ACTIONS[action][0], state[1] + ACTIONS[action][1]
    if not (0 <= r < len(GRID) and 0 <= c < len(GRID[0])) or GRID[r][c] == "#":
        r, c = state
    cell = GRID[r][c]
    return (r, c), {"G": 1.0, "X": -1.0}.get(cell, 0.0), cell in "GX"


def q_update(Q, s, a, reward, s_next, done, alpha, gamma):
    """Q(s,a) ← Q(s,a) + η[r + γ max_a' Q(s',a') - Q(s,a)]，终止状态之后没有未来回报。"""
    target = reward + (0.0 if done else gamma * Q[s_next].max())
    Q[s][a] += alpha * (target - Q[s][a])


def q_learning(episodes, alpha, gamma, epsilon, seed, max_steps=200):
    """ε-贪心地与环境交互并更新 Q 表，返回 Q 和每回合的步数。"""
    rng = np.random.default_rng(seed)
    Q = np.zeros((len(GRID), len(GRID[0]), len(ACTIONS)))
    lengths = []
    for _ in range(episodes):
        s, n = find("S"), 0
        for n in range(1, max_steps + 1):
            q = Q[s]
            a = rng.integers(len(ACTIONS)) if rng.random() < epsilon \
                else rng.choice(np.flatnonzero(q == q.max()))        # 并列最大时随机选
            s_next, reward, done = step(s, a)
            q_update(Q, s, a, reward, s_next, done, alpha, gamma)
            s = s_next
            if done:
                break
        lengths.append(n)
    return Q, np.array(lengths)


def q_star(gamma, sweeps=100):
    """价值迭代：反复套用贝尔曼最优方程，得到最优动作价值 Q*（需要知道环境模型 step）。"""
    Q = np.zeros((len(GRID), len(GRID[0]), len(ACTIONS)))
    states = [(r, c) for r, row in enumerate(GRID) for c, ch in enumerate(row) if ch in ".S"]
    for _ in range(sweeps):
        for s in states:
            for a in range(len(ACTIONS)):
                s_next, reward, done = step(s, a)
                Q[s][a] = reward + (0.0 if done else gamma * Q[s_next].max())
    return Q


def greedy_path(Q, max_steps=100):
    """从起点按 argmax_a Q(s,a) 走，返回经过的状态。"""
    s, path = find("S"), [find("S")]
    for _ in range(max_steps):
        s, _, done = step(s, int(Q[s].argmax()))
        path.append(s)
        if done:
            break
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=positive_int, default=500, help="回合数")
    parser.add_argument("--alpha", type=probability, default=0.5, help="学习率 η（Q-learning 的文献里常记作 α）")
    parser.add_argument("--gamma", type=probability, default=0.9, help="折扣因子 γ")
    parser.add_argument("--epsilon", type=probability, default=0.1, help="探索概率 ε")
    parser.add_argument("--seed", type=nonnegative_int, default=0, help="随机种子")
    args = parser.parse_args(argv)
    if args.alpha == 0 or args.gamma == 0:
        parser.error("--alpha 和 --gamma 必须大于 0")

    Q, lengths = q_learning(args.episodes, args.alpha, args.gamma, args.epsilon, args.seed)
    path = greedy_path(Q)
    Qs = q_star(args.gamma)
    on_path = [(p, int(Q[p].argmax())) for p in path[:-1]]
    best = len(greedy_path(Qs)) - 1                 # 按 Q* 贪心走就是最短路线
    print(f"最短路径步数: {best}")
    print(f"贪心策略步数: {len(path) - 1}")
    print(f"贪心策略到达终点: {int(path[-1] == find('G'))}")
    print(f"起点的max Q: {Q[find('S')].max():.4f}")
    print(f"起点的max Q*: {Qs[find('S')].max():.4f}")
    print(f"路径上Q与Q*最大差: {max(abs(Q[p][a] - Qs[p][a]) for p, a in on_path):.2e}")
    print(f"最后50回合平均步数: {lengths[-50:].mean():.2f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), width_ratios=[1.2, 1])
    V = Q.max(axis=2)
    wall = np.array([[ch == "#" for ch in row] for row in GRID])
    im = ax1.imshow(np.ma.masked_where(wall, V), cmap="viridis")
    ax1.imshow(np.ma.masked_where(~wall, wall), cmap="gray_r", vmin=0, vmax=1.5)
    fig.colorbar(im, ax=ax1, label=r"$\max_a Q(s,a)$")
    for r, row in enumerate(GRID):
        for c, ch in enumerate(row):
            if ch in "GXS":
                ax1.text(c - 0.3 * (ch == "S"), r - 0.25 * (ch == "S"), ch, ha="center",
                         va="center", color="w", fontsize=14 - 3 * (ch == "S"))
            if ch in ".S" and Q[r, c].any():
                dr, dc = np.multiply(ACTIONS[int(Q[r, c].argmax())], 0.35)
                ax1.arrow(c - dc / 2, r - dr / 2, dc, dr, head_width=0.15, color="w",
                          length_includes_head=True)
    rows, cols = zip(*path)
    ax1.plot(cols, rows, color="tab:red", lw=2, alpha=0.7, label="贪心策略路径")
    ax1.set(xticks=[], yticks=[], title="学到的策略 (S 为起点)")
    ax1.grid(False)
    ax1.legend(loc="upper left", bbox_to_anchor=(0, -0.02), fontsize=9)
    ax2.plot(np.arange(1, len(lengths) + 1), lengths, lw=0.8)
    ax2.axhline(best, color="k", ls="--", label="最短路径")
    ax2.set_yscale("log")
    ax2.set(xlabel="回合", ylabel="本回合步数 (对数刻度)", title="试错越多，走得越快")
    ax2.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
