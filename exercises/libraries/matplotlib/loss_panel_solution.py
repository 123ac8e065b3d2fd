def loss_panel(ax, train, val):
    """train、val：每轮的损失（等长的序列）。在 ax 上作图，不需要返回值。"""
    epochs = np.arange(1, len(train) + 1)
    ax.plot(epochs, train, "o-", label="训练")
    ax.plot(epochs, val, "s--", label="验证")
    ax.set_yscale("log")
    ax.set_xlabel("轮次")
    ax.legend()
