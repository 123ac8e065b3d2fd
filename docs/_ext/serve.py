"""make serve 的本地网站服务器：和 http.server 一样，只是缺页时回答网站自己的 404.html（状态码仍是 404），
与 Read the Docs 上的行为相同。测试（tests/test_a11y.py）也用它。

用法：python docs/_ext/serve.py [目录] [--port 8000]
"""
import argparse
import functools
import http.server
import sys
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def log_message(self, *args):
        if self.server.verbose:
            super().log_message(*args)


def make_server(directory, port=0, verbose=False):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(SiteHandler, directory=str(directory)))
    server.daemon_threads = True
    server.verbose = verbose
    return server


def main(argv=None):
    p = argparse.ArgumentParser(description="在 http://127.0.0.1:PORT 提供构建好的网站（缺页时显示 404.html）")
    p.add_argument("directory", nargs="?", default="_build/html", help="网站目录（默认 _build/html）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    args = p.parse_args(argv)
    if not (Path(args.directory) / "index.html").is_file():
        sys.exit(f"{args.directory} 里没有 index.html：先运行 make html")
    server = make_server(args.directory, args.port, verbose=True)
    print(f"网站：http://127.0.0.1:{server.server_port}/（Ctrl-C 停止）")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
