"""网站测试共用的浏览器与服务器：每个 pytest 进程（xdist 的每个工作进程）只启动一个 Chromium、
在 127.0.0.1 的临时端口上只提供一次网站，tests/site 里的浏览器测试（test_browser、test_a11y、
test_dark_figures）都用它们；每个测试再开自己的新浏览器上下文（browser_support.new_context：
cookie、localStorage、权限、记录的请求都互不相干）。

缺网站、playwright 或 Chromium 时，用到它们的测试跳过并说明原因；--strict-skips（CI）时 tests/conftest.py
把跳过算作失败。无障碍测试另外需要 axe-playwright-python（test_a11y.py 自己检查）。
"""
import pytest

from browser_support import browser_unavailable_reason, chromium_browser, served_site, site_missing_reason


@pytest.fixture(scope="session")
def browser():
    """无界面的系统 Chromium，整个 pytest 进程一个；测试结束时关掉它（连同 Playwright）。"""
    reason = browser_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="session")
def site_url():
    """构建好的网站的地址（与 make serve 相同：缺页时回答 404.html），整个 pytest 进程一个服务器。"""
    reason = site_missing_reason()
    if reason:
        pytest.skip(reason)
    with served_site() as url:
        yield url
