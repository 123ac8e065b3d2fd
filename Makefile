# mmdeeplearning：两条命令，在新机器上也能直接用。
#   make html   建立缺失或过期的环境，运行过期的示例，严格模式（-W -n）构建网站到 $(BUILDDIR)/html
#   make test   先 make html，再检查代码风格（make lint），再运行测试（示例、等价性、页面、浏览器）：本地跳过证明没变的，
#               CI（CI=true 或 MMDL_STRICT=1）运行每一项
#   make pdf / make epub   整本书的 PDF 版（xelatex）与 EPUB 版 → _build/editions/；make editions-test 检查它们
# 已有环境的读者可以指定解释器：make html PYTHON=/path/python MXNET_PYTHON=/path/python

BASE_PYTHON   ?= python3
MXNET_BASE_PYTHON ?=
PYTHON        ?= .venv/bin/python
MXNET_PYTHON  ?= .venv-mxnet/bin/python
BUILDDIR      ?= _build
JOBS          ?= 2
SPHINXOPTS    ?=
PYTESTOPTS    ?=
BENCHOPTS     ?=

export MMDL_PYTHON := $(abspath $(PYTHON))
export MMDL_MXNET_PYTHON := $(abspath $(MXNET_PYTHON))
export MMDL_JOBS := $(JOBS)
# 示例输出、缓存、网站都在 BUILDDIR 里；运行器与测试从 MMDL_GEN_DIR 得知它
export MMDL_GEN_DIR := $(abspath $(BUILDDIR))
# 并行的示例/测试进程各用一个线程，两个核不被超额占用
export OMP_NUM_THREADS ?= 1
export TF_NUM_INTRAOP_THREADS ?= 1
export TF_NUM_INTEROP_THREADS ?= 1
export TF_CPP_MIN_LOG_LEVEL ?= 2
# hypothesis 的样例数据库放在 _build/ 里，不在仓库里留下 .hypothesis/
export HYPOTHESIS_STORAGE_DIRECTORY ?= $(abspath $(BUILDDIR))/hypothesis

# MXNet 环境在前：它对解释器的要求更窄，不合适时几秒内就停下，而不是先花几分钟装好主环境
ENVS :=
ifeq ($(MXNET_PYTHON),.venv-mxnet/bin/python)
ENVS += .venv-mxnet/.installed
endif
ifeq ($(PYTHON),.venv/bin/python)
ENVS += .venv/.installed
endif

.PHONY: html test lint serve livehtml bench clean envs mxnet-env examples export-results import-results pdf epub editions-test font-check test-platforms

html: $(ENVS) font-check
	$(PYTHON) -m sphinx -W -n -q -c . $(SPHINXOPTS) docs $(BUILDDIR)/html
	@echo "网站已生成：$(BUILDDIR)/html/index.html（用 make serve 在 http://127.0.0.1:8000 浏览）"

# CI（CI=true 或 MMDL_STRICT=1；.ci/run 与 GitHub 的工作流都只调用 make test）：每项检查都运行（记忆关掉），
# 不许跳过，整页截图留作构件。本地：测试的记忆（tests/memo.py）跳过代码与输入都和上次通过时相同的检查。
CI_MODE := $(filter 1 true yes,$(CI) $(MMDL_STRICT))
TEST_MODE := $(if $(CI_MODE),--strict-skips --memo=off --screenshots=$(abspath $(BUILDDIR))/screenshots)
# 哪些模块整个交给一个工作进程、哪些逐项分配：tests/conftest.py 的 pytest_xdist_make_scheduler
test: html lint
	$(PYTHON) -m pytest -n $(JOBS) -o cache_dir=$(abspath $(BUILDDIR))/pytest-cache $(TEST_MODE) $(PYTESTOPTS) tests

# 代码风格：ruff（pyflakes、pycodestyle、import 顺序、bugbear，配置在 pyproject.toml）与 sphinx-lint
lint: $(ENVS)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m sphinxlint docs README.md

# 运行任何示例之前：本机没有中文字体就立即停下，一条消息说明各系统该装什么
font-check: $(ENVS)
	@MPLCONFIGDIR="$(abspath $(BUILDDIR))/cache/mpl-font-check" $(PYTHON) examples/mmdl/style.py

# 用 pip 的解析器核对 docs/basics/platforms.csv 里每个平台的说法（需要网络；.ci/run 在离线阶段之前运行）
test-platforms: $(ENVS)
	$(PYTHON) -m pytest -p no:cacheprovider $(PYTESTOPTS) tests/platforms_check.py

serve: html
	$(PYTHON) docs/_ext/serve.py $(BUILDDIR)/html --port 8000

# 成书：PDF 需要 texlive-xetex、texlive-lang-chinese、latexmk、fonts-noto-cjk（Debian 包）。
# 放进 _build/editions/ 后，下一次 make html 把它们发布到网站根目录，首页出现下载链接。
pdf: $(ENVS)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null || { \
	  echo "make pdf 需要 XeLaTeX 与 latexmk：sudo apt-get install texlive-xetex texlive-lang-chinese latexmk fonts-noto-cjk"; exit 1; }
	$(PYTHON) -m sphinx -M latexpdf docs $(BUILDDIR) -W -n -q -c . $(SPHINXOPTS)
	mkdir -p $(BUILDDIR)/editions && cp $(BUILDDIR)/latex/mmdeeplearning.pdf $(BUILDDIR)/editions/

epub: $(ENVS)
	$(PYTHON) -m sphinx -b epub -a -W -n -q -c . -d $(BUILDDIR)/doctrees-epub -D html_math_renderer=imgmath -D version=$$(date +%Y.%m.%d) $(SPHINXOPTS) docs $(BUILDDIR)/epub
	mkdir -p $(BUILDDIR)/editions && cp $(BUILDDIR)/epub/mmdeeplearning.epub $(BUILDDIR)/editions/

editions-test:
	$(PYTHON) -m pytest $(PYTESTOPTS) tests/site/test_editions.py

livehtml: $(ENVS) font-check
	$(PYTHON) -m sphinx_autobuild -n -c . --watch examples --host 127.0.0.1 --port 8000 docs $(BUILDDIR)/html

# make bench BENCHOPTS=--tests-only：不做两次冷构建，只测测试阶段（冷、无改动、改一个示例、CI 模式）
bench: html
	$(PYTHON) tests/bench.py $(BENCHOPTS)

# CI 分片（README“CI 如何扩展”）：只运行第 k/N 片的示例、导出它们的结果、在汇总的机器上导入
#   make examples SHARD=2/3 ; make export-results SHARD=2/3 RESULTS=r2.tar.gz ; make import-results RESULTS="r1.tar.gz r2.tar.gz r3.tar.gz"
examples: $(ENVS)
	$(PYTHON) docs/_ext/results_cli.py run $(if $(SHARD),--shard $(SHARD))

export-results: $(ENVS)
	$(PYTHON) docs/_ext/results_cli.py export $(or $(RESULTS),$(BUILDDIR)/results.tar.gz) $(if $(SHARD),--shard $(SHARD))

import-results: $(ENVS)
	$(PYTHON) docs/_ext/results_cli.py import $(RESULTS)

envs: $(ENVS)
mxnet-env: .venv-mxnet/.installed

clean:
	rm -rf $(BUILDDIR)

# 主环境：支持的 Python 版本写在 requirements.txt 的 "# python:" 一行（唯一的出处），pip 之前检查
PYRANGE := docs/_ext/runner/pyrange.py
.venv/.installed: requirements.txt
	@$(BASE_PYTHON) $(PYRANGE) requirements.txt >/dev/null 2>&1 || { \
	  echo "主环境需要 Python $$($(BASE_PYTHON) $(PYRANGE) requirements.txt --text 2>/dev/null || echo 3.11–3.13)，'$(BASE_PYTHON)' 不合适。请安装 Python 3.11（如 uv python install 3.11、pyenv install 3.11、conda create -n py311 python=3.11，或 Ubuntu 上 deadsnakes PPA 的 python3.11-venv），再运行 make BASE_PYTHON=python3.11"; exit 1; }
	$(BASE_PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.txt
	echo "$(abspath examples)" > "$$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/mmdl-examples.pth"
	touch $@

# MXNet 环境：支持的 Python 版本写在 requirements-mxnet.txt 的 "# python:" 一行，自动找一个合适的解释器；
# 指定的（MXNET_BASE_PYTHON）不合适时，pip 之前就用一行话说明并停下
.venv-mxnet/.installed: requirements-mxnet.txt
	@case "$$(uname -s) $$(uname -m)" in "Linux x86_64"|"Linux aarch64"|"Darwin x86_64") ;; \
	  *) echo "MXNet 1.9.1 没有 $$(uname -s) $$(uname -m) 的安装包（只有 Linux x86_64/aarch64 与 Intel macOS），无法建立 .venv-mxnet；办法见 docs/basics/install.rst 的“各平台”一节。"; exit 1;; esac
	@range=$$($(BASE_PYTHON) $(PYRANGE) requirements-mxnet.txt --text 2>/dev/null || echo "requirements-mxnet.txt 所写的版本"); \
	py="$(MXNET_BASE_PYTHON)"; \
	if [ -n "$$py" ]; then \
	  why=$$($$py $(PYRANGE) requirements-mxnet.txt 2>/dev/null) || { \
	    echo "MXNet 环境：$${why:-MXNET_BASE_PYTHON=$$py 无法运行}。请安装 Python 3.11（pyenv install 3.11，或 conda create -n py311 python=3.11），再运行 make MXNET_BASE_PYTHON=/path/to/python3.11"; exit 1; }; \
	else for c in $$($(BASE_PYTHON) $(PYRANGE) requirements-mxnet.txt --names 2>/dev/null) python3; do \
	  if command -v $$c >/dev/null 2>&1 && $$c $(PYRANGE) requirements-mxnet.txt >/dev/null 2>&1; then py=$$c; break; fi; done; fi; \
	if [ -z "$$py" ]; then \
	  echo "MXNet 环境需要 Python $$range（见 requirements-mxnet.txt），本机没有找到。请安装 Python 3.11（例如 pyenv install 3.11，或 conda create -n py311 python=3.11），再运行 make MXNET_BASE_PYTHON=/path/to/python3.11"; exit 1; fi; \
	echo "用 $$py 建立 .venv-mxnet"; \
	$$py -m venv .venv-mxnet && \
	.venv-mxnet/bin/python -m pip install --quiet --upgrade pip && \
	.venv-mxnet/bin/python -m pip install --quiet -r requirements-mxnet.txt && \
	echo "$(abspath examples)" > "$$(.venv-mxnet/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/mmdl-examples.pth"
	touch $@
