"""在示例所在的环境里检查命令行：--help、未知选项、错误类型与非法数值。

用法：python cli_probe.py <examples 目录> <示例相对路径>…；打印一行 JSON。
每个示例在本进程内导入（TensorFlow 只导入一次），调用 main([...])，记录退出码与 stderr。
"""
import argparse
import contextlib
import importlib.util
import io
import json
import os
import signal
import sys
import tempfile

POSITIVE = {"epochs", "steps", "iters", "iterations", "batch_size", "lr", "learning_rate", "n_samples",
            "samples", "hidden", "units", "width", "depth", "points", "n_components", "max_iter",
            "n_estimators", "rank", "episodes", "n_train", "n_test", "size"}


class Timeout(Exception):
    pass


def call(main, argv, seconds=60):
    err, out = io.StringIO(), io.StringIO()
    signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(Timeout()))
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            main(argv)
        code = "returned"
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Timeout:
        code = "timeout"
    except BaseException as exc:  # noqa: BLE001 —— 任何异常都记下来，由测试判定失败
        code = f"exception {type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
    return {"argv": argv, "code": code, "stderr": err.getvalue()[-600:], "stdout": out.getvalue()[:200]}


def parser_of(main):
    """拦截 parse_args，拿到示例构造的 ArgumentParser。"""
    captured = {}
    real = argparse.ArgumentParser.parse_args

    def fake(self, *a, **k):
        captured["p"] = self
        raise Timeout()

    argparse.ArgumentParser.parse_args = fake
    try:
        main([])
    except Timeout:
        pass
    finally:
        argparse.ArgumentParser.parse_args = real
    return captured.get("p")


def probe(examples, rel):
    path = os.path.join(examples, rel)
    spec = importlib.util.spec_from_file_location("probe_" + rel.replace("/", "_")[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(path))
    spec.loader.exec_module(mod)
    calls = [call(mod.main, ["--help"]), call(mod.main, ["--no-such-option"])]
    parser = parser_of(mod.main)
    if parser is None:  # 不能悄悄跳过类型检查：记成一次失败的调用
        return calls + [{"argv": ["<parser>"], "code": "main() 没有调用 argparse 的 parse_args", "stderr": ""}]
    for action in parser._actions:
        if not action.option_strings or action.nargs == 0 or action.choices:
            continue
        opt = action.option_strings[-1]
        kind = getattr(action.type, "__name__", "")
        if action.type not in (None, str) and kind not in ("Path", "PurePath"):
            calls.append(call(mod.main, [opt, "abc"]))
        if kind.startswith("positive") or (action.type in (int, float) and action.dest in POSITIVE):
            calls.append(call(mod.main, [opt, "-1"]))
    return calls


def main():
    examples, rels = sys.argv[1], sys.argv[2:]
    os.chdir(tempfile.mkdtemp())
    results = {}
    for rel in rels:
        try:
            results[rel] = probe(examples, rel)
        except BaseException as exc:  # noqa: BLE001
            results[rel] = [{"argv": ["<import>"], "code": f"exception {type(exc).__name__}: {exc}", "stderr": ""}]
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
