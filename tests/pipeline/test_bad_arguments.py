"""非法命令行参数：每个示例都以退出码 2 和一行 argparse 的提示结束，不出现 traceback。

一张表覆盖各章挑出的典型错误（越界的数值、错误的类型、非正数）；全部示例的 --help、未知选项和
类型检查由 tests/pipeline/test_examples.py 的 cli_probe 自动完成。第三列是提示里必须出现的文字（None 表示不查）。
"""
import pytest

from support import run_example_raw

CASES = [
    ("basics/concepts/polynomial_fit.py", ["--max-degree", "20"], "--max-degree"),
    ("basics/concepts/rule_vs_learned.py", ["--test-size", "1.5"], None),
    ("basics/learning_styles/kmeans.py", ["--k", "0"], None),
    ("basics/learning_styles/svm.py", ["--C", "-1"], None),
    ("basics/learning_styles/decision_tree.py", ["--test-size", "0"], None),
    ("basics/learning_styles/q_learning.py", ["--gamma", "1.5"], None),
    ("basics/losses/regression_losses_numpy.py", ["--delta", "0"], None),
    ("basics/losses/stable_cross_entropy_numpy.py", ["--scales", "inf"], None),
    ("basics/losses/classification_losses_numpy.py", ["--n", "-3"], None),
    ("basics/optimizers/optimizers_numpy.py", ["--steps", "0"], None),
    ("basics/optimizers/gd_variants_numpy.py", ["--lr", "-1"], None),
    ("basics/perceptron/mlp_digits_numpy.py", ["--epochs", "0"], "--epochs"),
    ("basics/regression/linreg_numpy.py", ["--lr", "-1"], "--lr"),
    ("libraries/numpy/ndarray_basics.py", ["--rows", "0"], "正整数"),
    ("libraries/tensorflow/keras_train_digits.py", ["--epochs", "0"], None),
    ("libraries/tensorflow/tf_data_pipeline.py", ["--batch-size", "-3"], None),
    ("libraries/tensorflow/logistic_unit_tf2.py", ["--lr", "zero"], None),
    ("libraries/mxnet/train_digits_mx.py", ["--epochs", "0"], None),
    ("libraries/mxnet/gluon_basics.py", ["--lr", "-1"], None),
    ("libraries/mxnet/hybridize_mx.py", ["--repeats", "abc"], None),
    ("basics/deep_training/symmetry_numpy.py", ["--hidden", "0"], "--hidden"),
    ("basics/deep_training/early_stopping_mxnet.py", ["--n-train", "5000"], "--n-train"),
]


@pytest.mark.parametrize("rel, args, expected", CASES, ids=[f"{r.rsplit('/', 1)[1]} {' '.join(a)}" for r, a, _ in CASES])
def test_bad_arguments_exit_2_with_a_clear_message(rel, args, expected):
    r = run_example_raw(rel, *args)
    assert r.returncode == 2, f"{rel} {args}：退出码 {r.returncode}\n{r.stderr[-1500:]}"
    assert "error:" in r.stderr and "Traceback" not in r.stderr, r.stderr[-1500:]
    if expected:
        assert expected in r.stderr, r.stderr[-1500:]
