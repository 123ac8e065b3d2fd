"""在 MXNet 环境里运行的测试代码：函数返回可转成 JSON 的值，由主环境的测试通过 support.in_mxnet 调用。"""
