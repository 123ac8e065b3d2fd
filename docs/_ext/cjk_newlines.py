"""去掉中文段落里多余的空格（源文件换行、为满足 reST 规则在行内标记两侧加的空格）。"""


def _make_transform():
    """中文段落里源文件的换行不该变成空格。

    reST 源文件按行折断长段落；HTML 里换行就是空白，浏览器（Chromium 没有实现 CSS Text 3 对
    中日韩文字的“段内换行去除”规则）把它显示成一个空格：“只是一个 线性映射”“NumPy、 TensorFlow”。
    这个空格也进入搜索索引：一个术语恰好跨行时，jieba 就把它拆开了。这里在读入时删掉这样的换行：
    两侧都是汉字（或中文标点），或者有一侧是中文标点（全角标点自带间距）。汉字与西文之间的换行
    照旧显示为空格；代码、公式、原始 HTML 里的文字不动。

    同理，行内标记（加粗、强调、链接）与汉字之间为满足 reST 规则而加的空格（“是 **激活函数** 的”）
    也在这里删掉：读者看到“是激活函数的”。行内代码、公式与汉字之间的空格保留，与全角标点之间的去掉。
    """
    import re

    from docutils import nodes
    from docutils.transforms import Transform

    punct = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"  # 中文标点、全角字符
    cjk = punct + "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    is_cjk, is_punct = re.compile(f"[{cjk}]").fullmatch, re.compile(f"[{punct}]").fullmatch

    def joinable(left, right):
        return bool(left and right and ((is_cjk(left) and is_cjk(right)) or is_punct(left) or is_punct(right)))

    inner = re.compile(r"(\S)[ \t]*\n[ \t]*(?=(\S))")
    opaque = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment)

    def segments(node, out):
        for child in node.children:
            if isinstance(child, nodes.Text):
                out.append(child)
            elif isinstance(child, opaque):
                out.append(None)  # 不透明的一段（代码、公式）：它两侧的换行照旧
            else:
                segments(child, out)
        return out

    def put(seg, text):
        # 按身份找位置：Text 是 str，parent.replace()/index() 按值比较，同一段里两个 "\n" 会找错
        parent = seg.parent
        parent[next(i for i, c in enumerate(parent.children) if c is seg)] = nodes.Text(text)

    def neighbour(texts, j):
        """相邻一段的文字；代码或公式（None）当作西文（"A"）：全角标点与它之间的空白也去掉。"""
        if j < 0 or j >= len(texts):
            return ""
        return "A" if texts[j] is None else texts[j]

    class JoinCJKLines(Transform):
        default_priority = 880

        def apply(self):
            for block in list(self.document.findall(nodes.TextElement)):
                if isinstance(block, opaque) or isinstance(block.parent, nodes.TextElement):
                    continue
                segs = segments(block, [])
                texts = [None if s is None else str(s) for s in segs]
                for i, (seg, text) in enumerate(zip(segs, texts)):
                    if seg is None:
                        continue
                    before = neighbour(texts, i - 1).rstrip()[-1:]
                    after = neighbour(texts, i + 1).lstrip()[:1]
                    if not text.strip():  # 只有空白的一段（MyST 的软换行就是这样一个文本节点）
                        if joinable(before, after):
                            put(seg, "")
                        continue
                    new = inner.sub(lambda m: m.group(1) if joinable(m.group(1), m.group(2)) else m.group(0), text)
                    tail = re.search(r"\s+$", new)
                    if tail and tail.start() > 0 and joinable(new[tail.start() - 1], after):
                        new = new[: tail.start()]
                    head = re.match(r"\s+", new)
                    if head and head.end() < len(new) and joinable(before, new[head.end()]):
                        new = new[head.end():]
                    if new != text:
                        put(seg, new)

    return JoinCJKLines


def setup(app):
    from pathlib import Path

    import runner

    app.add_transform(_make_transform())
    # 这段代码一改，env_version 随之改变，Sphinx 重读全部页面。
    version = runner.code_version(Path(__file__))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": version}
