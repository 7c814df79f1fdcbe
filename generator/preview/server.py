"""The preview's web server: the site as built, a script in each page that waits for that
page to change, and the Chinese diagnostics in place of every page while the content is wrong.

Like mkdocs' LiveReloadServer (mkdocs/livereload), a page's script long-polls the server and
reloads when told; unlike it, a tab reloads only when its own page changed (or the content
turned wrong or right again), not on every rebuild, because the pages of a changed record
are shown first and the rest of the site follows. Everything comes from this server.
"""

from __future__ import annotations

import html
import http.server
import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator.diagnostics import Diagnostic
from generator.output import format_text

RELOAD_PATH = "/__gongshi__/reload"
POLL_SECONDS = 30.0
THEME_ASSETS = "/assets/"
ASSET_SECONDS = 60
"""The theme's files (assets/: stylesheets, scripts, fonts) never change while the preview
runs, so a tab reloading after a save takes them from the browser's cache instead of asking
for each of ten again: 20–70 ms of a reload on a busy machine. A minute, so a tab left
open across a Gongshi upgrade soon asks again."""

_SCRIPT = """<script>(function(){var t=%s,p=location.pathname;function poll(){
fetch("%s?page="+encodeURIComponent(p)+"&token="+encodeURIComponent(t),{cache:"no-store"})
.then(function(r){if(!r.ok)throw r;return r.text()})
.then(function(n){if(n!==t){location.reload()}else{poll()}},function(){setTimeout(poll,1000)})}
poll()})();</script>"""


def page_key(url_path: str) -> str:
    """`funds/a/2026-q4/index.html` for `/funds/a/2026-q4/`: the HTML file a URL shows."""
    path = unquote(url_path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def html_stamps(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Each HTML file's size and change time, to see which pages a rebuild changed."""
    found = {}
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                found[os.path.relpath(path, site_dir).replace(os.sep, "/")] = (
                    info.st_size,
                    info.st_mtime_ns,
                )
    return found


class Shown:
    """What the preview shows: the site folder, each page's version, and the diagnostics."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.errors: bytes | None = None
        self._errors_version = 0
        self._versions: dict[str, int] = {}
        self._waiting: Counter[str] = Counter()
        """Tabs waiting, by the page they show."""
        self._reloading = 0
        """Tabs told to reload that have not asked again since (they are loading their page)."""
        self._changed = threading.Condition()
        self._files = threading.Lock()

    def token(self, key: str) -> str:
        return f"{self._errors_version}.{self._versions.get(key, 0)}"

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held while mkdocs writes the site: a page is never read half written."""
        with self._files:
            yield

    def pages_changed(self, keys: list[str]) -> None:
        with self._changed:
            for key in set(keys):
                self._versions[key] = self._versions.get(key, 0) + 1
                self._reloading += self._waiting[key]
            self._changed.notify_all()

    def show_errors(self, page: bytes | None) -> None:
        """Every page shows `page` (None: the site again); each open tab reloads."""
        with self._changed:
            if page != self.errors:
                self.errors = page
                self._errors_version += 1
                self._reloading += self._waiting.total()
                self._changed.notify_all()

    def wait(self, key: str, token: str, seconds: float) -> str:
        with self._changed:
            self._reloading = max(0, self._reloading - 1)  # a tab asking again has loaded
            self._changed.notify_all()
            self._waiting[key] += 1
            try:
                self._changed.wait_for(lambda: self.token(key) != token, timeout=seconds)
            finally:
                self._waiting[key] -= 1
            return self.token(key)

    def wait_reloaded(self, seconds: float) -> bool:
        """Waits up to `seconds` for the tabs told to reload to have loaded their pages again."""
        with self._changed:
            return self._changed.wait_for(lambda: self._reloading == 0, timeout=seconds)


def diagnostics_page(diagnostics: list[Diagnostic], heading: str) -> bytes:
    """A plain page listing each problem as `gongshi check` prints it."""
    lines = html.escape(format_text(diagnostics, styled=False))
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>内容有错误 — 预览</title></head>"
        '<body style="font:18px/1.6 sans-serif;margin:1.5em;max-width:60em">'
        f'<h1 style="color:#b00020">内容有错误</h1><p>{html.escape(heading)}</p>'
        f'<pre id="gongshi-diagnostics" style="white-space:pre-wrap;background:#fff4f4;'
        f'padding:1em;border:1px solid #e0b4b4">{lines}</pre>'
        "<p>改正并保存文件后，这一页会自动换回网站。</p></body></html>"
    ).encode()


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    shown: Shown

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            query = parse_qs(url.query)
            key = page_key(query.get("page", ["/"])[0])
            answer = self.shown.wait(key, query.get("token", [""])[0], POLL_SECONDS)
            self._send(200, answer.encode(), "text/plain; charset=utf-8")
            return
        with self.shown.writing():
            target = Path(self.translate_path(url.path))
            if target.is_dir() and url.path.endswith("/"):
                target = target / "index.html"
            if target.suffix != ".html":
                super().do_GET()
                return
            key = page_key(url.path)
            if self.shown.errors is not None:
                self._send(200, self._with_script(self.shown.errors, key), "text/html")
            elif target.is_file():
                self._send(200, self._with_script(target.read_bytes(), key), "text/html")
            else:
                missing = self.shown.site_dir / "404.html"
                body = missing.read_bytes() if missing.is_file() else "找不到这一页".encode()
                self._send(404, self._with_script(body, key), "text/html")

    def end_headers(self) -> None:
        if urlsplit(self.path).path.startswith(THEME_ASSETS):
            self.send_header("Cache-Control", f"max-age={ASSET_SECONDS}")
        super().end_headers()

    def _with_script(self, page: bytes, key: str) -> bytes:
        script = (_SCRIPT % (repr(self.shown.token(key)), RELOAD_PATH)).encode()
        end = page.rfind(b"</body>")
        return page + script if end < 0 else page[:end] + script + page[end:]

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header(
            "Content-Type", content_type + ("" if "charset" in content_type else "; charset=utf-8")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A tab closed while its page was sent is no error worth a traceback."""


def preview_server(shown: Shown, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """Bound and listening; raises OSError when the port is taken."""

    class Handler(PreviewHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(shown.site_dir), **kwargs)  # type: ignore[arg-type]

    Handler.shown = shown
    return _PreviewServer((host, port), Handler)
