"""页面上“下载 .py / .ipynb”的文件：不需要本仓库、放进空目录就能运行的示例。

页面上展示的示例写作 ``from mmdl.cli import positive_int``，这样短而整洁。下载的脚本由
本模块在构建时生成：用 ``ast`` 从真实的 ``examples/mmdl/*.py`` 里取出示例导入的那些函数
（以及它们用到的模块级名字和 import），原样放在 import 的位置；画图的示例再加上
``mmdl.style.use_site_style()`` 及其调用——构建时运行器在示例运行前调用的正是这个函数。
开头的注释写明验证时的日期、平台与库版本，以及一行 ``pip install``。

笔记本（``.ipynb``）由同一份独立脚本生成：标题与说明在 Markdown 单元里，内联的工具函数
单独一个单元，最后一个单元用默认参数调用 ``main([])``。章末练习的存根也用这里的笔记本写法
（``write_exercise_notebook``：“你的代码”单独一个单元，最后一个单元是 ``grade(CHECKS)``）。
"""
import ast
import platform
import re
from pathlib import Path

import runner
from runner import requirements, source

MMDL = source.MMDL
REQUIREMENTS = requirements.FILES
# 下载的脚本里，这个名字的赋值换成构建时的 requirements 文件内容（check_env*.py 用它）。
BUNDLED = "BUNDLED_REQUIREMENTS"


class DownloadError(Exception):
    """示例无法生成独立的下载文件（例如内联的名字与示例自己的名字冲突）。"""


def _bound(node):
    """一条顶层语句绑定的名字。"""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def _segment(lines, node):
    """一条顶层语句的原文，连同紧贴在它上面的注释。"""
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    while start > 0 and lines[start - 1].startswith("#") and not lines[start - 1].startswith("# ---"):
        start -= 1
    return "\n".join(lines[start:node.end_lineno])


def _imports_of(tree):
    return [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]


def _rename(lines, nodes, old, new):
    """把 ``nodes`` 里对名字 ``old`` 的引用改成 ``new``（按 ast 的位置改原文；列号按 UTF-8 字节计）。"""
    spots = sorted(((n.lineno - 1, n.col_offset, n.end_col_offset) for node in nodes for n in ast.walk(node)
                    if isinstance(n, ast.Name) and n.id == old), reverse=True)
    for i, start, end in spots:
        raw = lines[i].encode("utf-8")
        lines[i] = (raw[:start] + new.encode("utf-8") + raw[end:]).decode("utf-8")


def _alias_in(example_imports, stmt):
    """示例里以别的名字 import 同一个模块的名字（``import numpy as onp`` → ``onp``），没有则 None。"""
    if not isinstance(stmt, ast.Import) or len(stmt.names) != 1:
        return None
    target = stmt.names[0].name
    for node in example_imports:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == target:
                    return a.asname or a.name
    return None


def inline(s, module, names, have, example_imports=(), own=frozenset()):
    """mmdl/<module>.py 中 ``names`` 及其依赖的原文：(需要的 import 行, 定义的原文, 定义的名字)。

    ``have`` 是示例自己已经 import 的语句（ast.unparse 的结果），重复的不再写。若工具函数要的 import
    绑定的名字在示例里另有所指（示例 ``from mxnet import np``，工具函数要 ``import numpy as np``），
    就改用示例里同一模块的别名（``import numpy as onp`` → 工具函数里的 ``np`` 改写成 ``onp``）。
    """
    path = s.examples / MMDL / f"{module}.py"
    if not path.is_file():
        raise DownloadError(f"找不到 {MMDL}/{module}.py")
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    lines = src.splitlines()
    defs = {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        for name in _bound(node):
            defs[name] = node
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        if name not in defs:
            raise DownloadError(f"{MMDL}/{module}.py 里没有 {name}")
        wanted.add(name)
        todo += [n.id for n in ast.walk(defs[name]) if isinstance(n, ast.Name) and n.id in defs]
    nodes = [n for n in tree.body if _bound(n) & wanted and not isinstance(n, (ast.Import, ast.ImportFrom))]
    used = {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)}
    imports, renamed = [], []
    for stmt in _imports_of(tree):
        if not _bound(stmt) & used or ast.unparse(stmt) in have:
            continue
        clash = _bound(stmt) & own
        if clash:
            alias = _alias_in(example_imports, stmt)
            if alias is None:
                raise DownloadError(f"内联 {MMDL}/{module}.py 时，它的 {ast.unparse(stmt)} 与示例里的名字 "
                                    f"{', '.join(sorted(clash))} 冲突")
            _rename(lines, nodes, next(iter(clash)), alias)
            renamed.append(f"{next(iter(clash))} → {alias}")
            continue
        imports.append(ast.unparse(stmt))
    body = "\n\n\n".join(_segment(lines, n) for n in nodes)
    if renamed:
        body = f"# 注意：示例里的这些名字另有所指，下面工具函数里的名字已改写：{'、'.join(renamed)}\n" + body
    return imports, body, set().union(*(_bound(n) for n in nodes))


def _third_party(text):
    """代码里 import 的第三方库的发行包名（按出现的顺序；库名表是 runner.LIBRARIES）。"""
    return [runner.LIBRARIES[m][0] for m in source.imported_packages(text) if m in runner.LIBRARIES]


def header(s, rel, env, code, bundled=False):
    """开头的说明：出处、验证时的环境、一行 pip install（检查整个环境的脚本：按内置的 requirements 安装）。"""
    stamp = runner.load_stamp(s, rel) or {}
    pinned = requirements.pins(env)
    dists = _third_party(code)
    if env == "mxnet" and "numpy" not in dists:
        dists.append("numpy")   # MXNet 1.9.1 只能配 numpy < 1.24，必须钉住
    tf_dist = "tensorflow-cpu" if "tensorflow-cpu" in pinned else "tensorflow"
    verified = [f"{tf_dist if d == 'tensorflow' else d} {pinned.get(tf_dist if d == 'tensorflow' else d, '?')}"
                for d in dists]
    install = " ".join(f"{d}=={pinned.get(tf_dist if d == 'tensorflow' else d, '?')}" for d in dists)
    py = stamp.get("used", {}).get("python", platform.python_version())
    where = f"{platform.system()} {platform.machine()}"
    return [
        f"# {Path(rel).name}：mmdeeplearning（深度学习）网站的示例 examples/{rel}。",
        f"# 本站共用的工具函数已原样内联，放在任何目录里都能直接运行：python {Path(rel).name}",
        f"# 验证：{stamp.get('date', '?')}，{where}，Python {py}，" + "、".join(verified) + "。",
        (f"# 安装：把下面 {BUNDLED} 的内容存为 {REQUIREMENTS[env]}，再 pip install -r {REQUIREMENTS[env]}"
         if bundled else f"# 安装：pip install {install}" if install else "# 安装：只需要 Python 标准库"),
    ] + ([f"# 页面上的输出是 {s.threads} 个线程的运行；用更多线程时训练损失等数字的末几位可能不同。得到页面上的数字："
          + " ".join(f"{v}={s.threads}" for v in ("OMP_NUM_THREADS", "TF_NUM_INTRAOP_THREADS" if env != "mxnet"
                                                 else "MXNET_CPU_WORKER_NTHREADS")) + f" python {Path(rel).name}"]
         if {"tensorflow", "mxnet"} & set(dists) else [])


def standalone(s, rel):
    """返回 (独立脚本的全文, 各部分)；各部分供笔记本分单元使用。构建标记（# timing-output: …）不写进下载。"""
    env = runner.declared_env(s, rel)
    parsed = runner.parsed(s, rel)
    src = "\n".join(parsed.shown_lines()) + "\n"
    tree = ast.parse(src)
    lines = src.splitlines()
    have = {ast.unparse(n) for n in _imports_of(tree)}
    own = set().union(*(_bound(n) for n in tree.body))
    mmdl_nodes, requested = [], {}
    for node in tree.body:
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == MMDL for a in node.names):
            raise DownloadError(f"示例 {rel}：请写成 from {MMDL}.模块 import 名字")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == MMDL:
            if node.level or node.module.count(".") != 1 or any(a.asname for a in node.names):
                raise DownloadError(f"示例 {rel}：只支持 from {MMDL}.模块 import 名字（不带 as）")
            mmdl_nodes.append(node)
            requested.setdefault(node.module.split(".")[1], []).extend(a.name for a in node.names)
    styled = "matplotlib" in parsed.all_imports  # 与运行器相同的规则：示例自己 import 了 matplotlib
    if styled:
        requested.setdefault("style", []).append("use_site_style")
    blocks, new_imports, inlined = [], [], set()
    for module, names in requested.items():
        imports, body, bound = inline(s, module, names, have | set(new_imports), _imports_of(tree), own)
        clash = (bound - set(names)) & own
        if clash:
            raise DownloadError(f"示例 {rel}：内联 {MMDL}/{module}.py 时名字冲突：{', '.join(sorted(clash))}")
        new_imports += imports
        inlined |= bound
        blocks.append(f"# ---- 以下取自本站的 {MMDL}/{module}.py（原样内联）----\n\n{body}")
    helper = "\n\n\n".join(blocks)
    call = "use_site_style()   # 中文字体与本站的图形样式（构建网站时，示例运行前也调用它）" if styled else ""

    # 示例本身：去掉第一行的环境声明、mmdl 的 import；BUNDLED 赋值填入 requirements 文件的内容。
    skip = {i for n in mmdl_nodes for i in range(n.lineno - 1, n.end_lineno)}
    body_lines = list(lines)
    bundled = False
    for node in tree.body:
        if isinstance(node, ast.Assign) and _bound(node) == {BUNDLED}:
            bundled = True
            text = requirements.path(env).read_text(encoding="utf-8")
            body_lines[node.lineno - 1] = f"{BUNDLED} = {text!r}   # 构建网站时的 {REQUIREMENTS[env]}"
            skip |= set(range(node.lineno, node.end_lineno))
    doc = ast.get_docstring(tree, clean=False) or ""
    doc_node = tree.body[0] if doc else None
    last_import = max([n.end_lineno for n in _imports_of(tree)], default=doc_node.end_lineno if doc_node else 1)
    first = 1 if source.HEADER.match(lines[0]) else 0
    docstring = "\n".join(body_lines[first:doc_node.end_lineno]) if doc_node else ""
    imports_text = "\n".join(line for i, line in enumerate(body_lines[:last_import]) if i >= (doc_node.end_lineno if doc_node else first)
                             and i not in skip).strip("\n")
    if new_imports:
        imports_text += "\n" + "\n".join(new_imports)
    rest = "\n".join(line for i, line in enumerate(body_lines[last_import:], last_import) if i not in skip).strip("\n")
    parts = {"header": header(s, rel, env, imports_text + "\n" + helper + "\n" + rest, bundled), "doc": doc,
             "docstring": docstring, "imports": imports_text, "helper": helper, "call": call, "rest": rest}
    out = "\n".join(parts["header"]) + "\n" + docstring + "\n" + imports_text + "\n\n\n"
    if helper:
        out += helper + "\n\n\n" + (call + "\n\n\n" if call else "")
    out += rest + "\n"
    return out, parts



def write_script(s, rel, dest):
    text, _ = standalone(s, rel)
    _write_if_changed(dest, text)
    return dest


def _split_cells(code):
    """把示例主体按顶层定义切成若干单元；``if __name__ == "__main__":`` 换成 ``main([])``。"""
    tree = ast.parse(code)
    lines = code.splitlines()
    cells, current = [], []
    prev_end = 0
    for node in tree.body:
        # 装饰器（@tf.function 等）属于它下面的定义：从第一个装饰器算起
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        while start > prev_end and lines[start - 1].startswith("#"):
            start -= 1
        seg = "\n".join(lines[start:node.end_lineno]).strip("\n")
        prev_end = node.end_lineno
        if isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'":
            seg = "main([])   # 笔记本里用默认参数运行；改成 main(['--help']) 查看全部参数"
            if current:
                cells.append("\n".join(current))
                current = []
            cells.append(seg)
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and current:
            cells.append("\n\n\n".join(current))
            current = []
        current.append(seg)
    if current:
        cells.append("\n\n\n".join(current))
    return cells


def write_notebook(s, rel, dest):
    """生成笔记本：说明（Markdown）→ import → 内联的工具函数 → 示例的各个函数 → main([])。"""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    _, p = standalone(s, rel)
    env = runner.declared_env(s, rel)
    title, _, explain = p["doc"].strip().partition("\n")
    info = "\n".join("> " + line[2:] for line in p["header"][2:])
    cells = [new_markdown_cell(f"# {title.strip()}\n\n{explain.strip()}\n\n"
                               f"> 出自 mmdeeplearning 网站的示例 `examples/{rel}`。\n{info}")]
    cells.append(new_code_cell(p["imports"]))
    if p["helper"]:
        mods = re.findall(r"本站的 (mmdl/\w+\.py)", p["helper"])
        cells.append(new_markdown_cell(
            "下面是本站各示例共用的工具函数，原样取自 " + "、".join(f"`{m}`" for m in mods) + "。"
            + ("最后一行设置中文字体与本站的图形样式。" if p["call"] else "")))
        cells.append(new_code_cell(p["helper"] + ("\n\n\n" + p["call"] if p["call"] else "")))
    cells += [new_code_cell(c) for c in _split_cells(p["rest"])]
    return _save_notebook(cells, env, dest)


def _save_notebook(cells, env, dest, extra=None):
    """示例与练习的笔记本共用：内核（MXNet 环境的用“mmdl-mxnet”）、固定的单元 id，内容变了才写。"""
    import nbformat
    from nbformat.v4 import new_notebook

    nb = new_notebook(cells=cells, metadata={
        # MXNet 的笔记本默认用环境安装一章注册的内核“mmdl-mxnet”（MXNet 环境）
        "kernelspec": ({"name": "mmdl-mxnet", "display_name": "MXNet 环境", "language": "python"} if env == "mxnet"
                       else {"name": "python3", "display_name": "Python 3", "language": "python"}),
        "language_info": {"name": "python"}, **(extra or {})})
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"   # 固定的单元 id：同样的输入生成同样的文件
    _write_if_changed(dest, nbformat.writes(nb) + "\n")
    return dest


# 练习的笔记本：存根本身就是独立的程序（不内联 mmdl），按它的几段分单元；批改行与 exercises_ext 的约定相同
EXERCISE_GRADER = "# ---- 批改"
EXERCISE_MAIN = 'if __name__ == "__main__":'


def write_exercise_notebook(stub, name, env, begin, end, dest):
    """章末练习的存根 → 笔记本：题目（Markdown）→ 准备的代码 → “你的代码”（两行标记之间，单独一个单元）
    → 检查 → 批改函数 → ``grade(CHECKS)``。最后一个单元不调用 sys.exit：在内核里那会显示成一个异常，
    所以直接显示 grade 的返回值（0 表示全部通过）。"""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    text = stub.read_text(encoding="utf-8")
    tree = ast.parse(text)
    doc = ast.get_docstring(tree, clean=False) or ""
    lines = text.splitlines()
    body = "\n".join(lines[tree.body[0].end_lineno if doc else 1:])
    head, _, rest = body.partition(begin)
    mine, _, rest = rest.partition(end)
    checks, _, grader = rest.partition(EXERCISE_GRADER)
    grader = EXERCISE_GRADER + grader.split(EXERCISE_MAIN)[0]
    title, _, explain = doc.strip().partition("\n")
    explain = explain.strip().replace(f"运行 python {stub.name}", "运行最后一个单元").replace(f"python {stub.name}", "最后一个单元")
    cells = [new_markdown_cell(f"# {title.strip()}\n\n{explain}\n\n"
                               f"> 出自 mmdeeplearning 网站的练习 `exercises/{name}.py`。在“你的代码”那个单元里写完函数，"
                               "再从头运行全部单元：最后一个单元逐项批改并打印 ✓ / ✗。"),
             new_code_cell(head.strip("\n")),
             new_code_cell(f"{begin}{mine.rstrip()}\n{end}"),
             new_code_cell(checks.strip("\n")),
             new_code_cell(grader.strip("\n")),
             new_code_cell("grade(CHECKS)   # 全部通过时返回 0")]
    return _save_notebook(cells, env, dest, {"mmdl": {"exercise": name}})


def _write_if_changed(dest, text):
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
