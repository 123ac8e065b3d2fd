# mmdeeplearning：两条命令，在新机器上也能直接用。
#   make html   建立缺失或过期的环境，运行过期的示例，严格模式（-W -n）构建网站到 _build/html
#   make test   先 make html，再运行全部测试（示例、等价性、页面、浏览器）
# 已有环境的读者可以指定解释器：make html PYTHON=/path/python MXNET_PYTHON=/path/python

BASE_PYTHON   ?= python3
MXNET_BASE_PYTHON ?=
PYTHON        ?= .venv/bin/python
MXNET_PYTHON  ?= .venv-mxnet/bin/python
BUILD         := _build
JOBS          ?= 2
SPHINXOPTS    ?=
PYTESTOPTS    ?=

export MMDL_PYTHON := $(abspath $(PYTHON))
export MMDL_MXNET_PYTHON := $(abspath $(MXNET_PYTHON))
export MMDL_JOBS := $(JOBS)
# 并行的示例/测试进程各用一个线程，两个核不被超额占用
export OMP_NUM_THREADS ?= 1
export TF_NUM_INTRAOP_THREADS ?= 1
export TF_NUM_INTEROP_THREADS ?= 1
export TF_CPP_MIN_LOG_LEVEL ?= 2
# hypothesis 的样例数据库放在 _build/ 里，不在仓库里留下 .hypothesis/
export HYPOTHESIS_STORAGE_DIRECTORY ?= $(abspath $(BUILD))/hypothesis

ENVS :=
ifeq ($(PYTHON),.venv/bin/python)
ENVS += .venv/.installed
endif
ifeq ($(MXNET_PYTHON),.venv-mxnet/bin/python)
ENVS += .venv-mxnet/.installed
endif

.PHONY: html test serve livehtml bench clean envs mxnet-env font-check test-platforms

html: $(ENVS) font-check
	$(PYTHON) -m sphinx -W -n -q -c . $(SPHINXOPTS) docs $(BUILD)/html
	@echo "网站已生成：$(BUILD)/html/index.html（用 make serve 在 http://127.0.0.1:8000 浏览）"

test: html
	$(PYTHON) -m pytest -n $(JOBS) $(PYTESTOPTS) tests

# 运行任何示例之前：本机没有中文字体就立即停下，一条消息说明各系统该装什么
font-check: $(ENVS)
	@MPLCONFIGDIR="$(abspath $(BUILD))/cache/mpl-font-check" $(PYTHON) examples/mmdl/style.py

# 用 pip 的解析器核对 docs/basics/platforms.csv 里每个平台的说法（需要网络；.ci/run 在离线阶段之前运行）
test-platforms: $(ENVS)
	$(PYTHON) -m pytest -p no:cacheprovider $(PYTESTOPTS) tests/platforms_check.py

serve: html
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory $(BUILD)/html

livehtml: $(ENVS) font-check
	$(PYTHON) -m sphinx_autobuild -n -c . --watch examples --host 127.0.0.1 --port 8000 docs $(BUILD)/html

bench: html
	$(PYTHON) tests/bench.py

envs: $(ENVS)
mxnet-env: .venv-mxnet/.installed

clean:
	rm -rf $(BUILD)

# 主环境：Python 3.11–3.13（Keras 3.15 需要 Python ≥ 3.11，TensorFlow 2.21 需要 numpy ≥ 1.26）
.venv/.installed: requirements.txt
	@$(BASE_PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)' 2>/dev/null || { \
	  echo "主环境需要 Python 3.11–3.13，'$(BASE_PYTHON)' 不合适。请安装 Python 3.11（如 uv python install 3.11、pyenv install 3.11、conda create -n py311 python=3.11，或 Ubuntu 上 deadsnakes PPA 的 python3.11-venv），再运行 make BASE_PYTHON=python3.11"; exit 1; }
	$(BASE_PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.txt
	echo "$(abspath examples)" > "$$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/mmdl-examples.pth"
	touch $@

# MXNet 环境：numpy 1.23.5 只有 Python 3.8–3.11 的 wheel，自动找一个合适的解释器
.venv-mxnet/.installed: requirements-mxnet.txt
	@case "$$(uname -s) $$(uname -m)" in "Linux x86_64"|"Linux aarch64"|"Darwin x86_64") ;; \
	  *) echo "MXNet 1.9.1 没有 $$(uname -s) $$(uname -m) 的安装包（只有 Linux x86_64/aarch64 与 Intel macOS），无法建立 .venv-mxnet；办法见 docs/basics/install.rst 的“各平台”一节。"; exit 1;; esac
	@py="$(MXNET_BASE_PYTHON)"; \
	if [ -z "$$py" ]; then for c in python3.11 python3.10 python3.9 python3.8 python3; do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 11) else 1)' 2>/dev/null; then py=$$c; break; fi; done; fi; \
	if [ -z "$$py" ]; then \
	  echo "MXNet 环境需要 Python 3.8–3.11（numpy 1.23.5 没有更新 Python 的 wheel），本机没有找到。"; \
	  echo "请安装 Python 3.11（例如 pyenv install 3.11，或 conda create -n py311 python=3.11），"; \
	  echo "再运行 make MXNET_BASE_PYTHON=/path/to/python3.11"; exit 1; fi; \
	echo "用 $$py 建立 .venv-mxnet"; \
	$$py -m venv .venv-mxnet && \
	.venv-mxnet/bin/python -m pip install --quiet --upgrade pip && \
	.venv-mxnet/bin/python -m pip install --quiet -r requirements-mxnet.txt && \
	echo "$(abspath examples)" > "$$(.venv-mxnet/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/mmdl-examples.pth"
	touch $@
