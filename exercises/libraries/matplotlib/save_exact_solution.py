def save_exact(fig, path, width_px, height_px, dpi):
    """把 fig 保存为 path（.png），像素尺寸为 width_px × height_px。不需要返回值。"""
    fig.set_size_inches(width_px / dpi, height_px / dpi)
    with plt.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(path, dpi=dpi)
