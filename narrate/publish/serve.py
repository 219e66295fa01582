"""`narrate serve`: a published folder over HTTP, for podcast apps and browsers on this machine or
the local network.

Built on the standard library's ThreadingHTTPServer: what a podcast app needs beyond plain file
serving is byte ranges (seeking and resumed downloads, RFC 9110 §14) and conditional requests
(ETag / Last-Modified, so a feed refresh costs a 304), a hundred lines that tests pin down, where a
server framework would add dependencies for the same few rules. SimpleHTTPRequestHandler is not
used: it lists directories and follows symlinks out of the folder.

Only regular files inside the folder are served: no listings, no hidden files (renders stage
their output under dot-names), nothing reached through ``..`` or a symlink that leaves it.
"""

from __future__ import annotations

import email.utils
import io
import logging
import mimetypes
import os
import posixpath
import re
import shlex
import socket
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from narrate.errors import ServeError
from narrate.paths import path_problem
from narrate.publish.folder import MIME_TYPES

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"

# The types the feed declares for what it links (enclosures, podcast:chapters, podcast:transcript),
# so an app gets from the server what the feed promised.
_TYPES = {
    **MIME_TYPES,
    ".chapters.json": "application/json+chapters",
    ".vtt": "text/vtt; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",  # the folder's one XML file is its feed
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_COPY_BYTES = 64 * 1024


@dataclass(frozen=True)
class _Found:
    path: Path
    size: int
    mtime_ns: int
    etag: str
    last_modified: str


class _Unsatisfiable(Exception):
    """The range asked for starts past the end of the file (416)."""


class FolderServer(ThreadingHTTPServer):
    """A threading HTTP server for the files of one folder."""

    daemon_threads = True  # a download in progress must not keep Ctrl-C waiting

    def __init__(self, folder: Path, host: str, port: int) -> None:
        self.folder = folder.resolve()
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        """The address to give clients: the LAN address when listening on every interface."""
        host, port = self.server_address[:2]
        host = str(host)
        if host in ("0.0.0.0", "::"):
            host = _lan_address(socket.AddressFamily(self.address_family))
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def open_server(folder: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> FolderServer:
    """Bind a server for ``folder`` (port 0 picks a free one); call ``serve_forever`` to run it."""
    if not folder.is_dir():
        why = path_problem(folder, want_folder=True) or "not a folder (there is nothing at that path)"
        raise ServeError(f"{folder}: {why} — render episodes into a folder first (narrate render -o DIR)")
    try:
        return FolderServer(folder, host, port)
    except OSError as error:
        raise ServeError(
            f"cannot listen on {host}:{port} ({error.strerror or error}): "
            "choose another --port, or a --host address of this machine"
        ) from error


def _lan_address(family: socket.AddressFamily) -> str:
    """This machine's address on the network its default route leads to (no packet is sent)."""
    probe = "fd00::1" if family == socket.AF_INET6 else "10.255.255.255"
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            return str(sock.getsockname()[0])
    except OSError:
        return socket.gethostname()


class _Handler(BaseHTTPRequestHandler):
    server: FolderServer
    protocol_version = "HTTP/1.1"  # keep-alive: apps fetch the feed, chapters and audio in a row
    timeout = 60  # seconds a kept-alive connection may idle before its thread lets it go
    server_version = "narrate"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _respond(self, *, send_body: bool) -> None:
        found = self._find()
        if found is None:
            return
        if self._not_modified(found):
            self.send_response(HTTPStatus.NOT_MODIFIED)  # never has a body: no Content-Length
            self._validators(found)
            self.end_headers()
            return
        start, end = 0, found.size - 1
        try:
            byte_range = self._byte_range(found)
        except _Unsatisfiable:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{found.size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if byte_range is not None:
            start, end = byte_range
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {start}-{end}/{found.size}")
        else:
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", _content_type(found.path.name))
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self._validators(found)
        self.send_header("Cache-Control", "no-cache")  # revalidate: a rebuilt feed shows at once
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body and end >= start:
            try:
                with found.path.open("rb") as handle:
                    _copy(handle, self.wfile, start, end - start + 1)
            except (BrokenPipeError, ConnectionResetError):
                log.debug("%s closed the connection during %s", self.address_string(), self.path)

    def _find(self) -> _Found | None:
        """The file the request names, or None once an error response has been sent."""
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except UnicodeDecodeError:
            self.send_error(HTTPStatus.BAD_REQUEST, "The path is not UTF-8")
            return None
        parts = [part for part in path.split("/") if part]
        if "\x00" in path or any(part in ("..", ".") or "\\" in part for part in parts):
            self.send_error(HTTPStatus.BAD_REQUEST, "Path segments '..' and '.' are not accepted")
            return None
        if any(part.startswith(".") for part in parts):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        root = self.server.folder
        try:
            target = root.joinpath(*parts).resolve(strict=True)
        except (OSError, RuntimeError):  # missing, or a symlink loop
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if not target.is_relative_to(root):
            log.warning("refused %s: it leads outside %s", self.path, root)
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        if target.is_dir():
            if not path.endswith("/"):
                self._redirect(posixpath.basename(path) + "/")
                return None
            target = target / INDEX_FILE
        try:
            stat = target.stat()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)  # a folder without index.html: never a listing
            return None
        if not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return _Found(
            path=target,
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            etag=f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"',
            last_modified=email.utils.formatdate(stat.st_mtime, usegmt=True),
        )

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _validators(self, found: _Found) -> None:
        self.send_header("ETag", found.etag)
        self.send_header("Last-Modified", found.last_modified)

    def _not_modified(self, found: _Found) -> bool:
        """RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or found.etag in tags
        since = _http_date(self.headers.get("If-Modified-Since"))
        return since is not None and found.mtime_ns // 1_000_000_000 <= since

    def _byte_range(self, found: _Found) -> tuple[int, int] | None:
        """The one byte range asked for, or None for the whole file (_Unsatisfiable: none of it).

        Several ranges in one request are answered with the whole file, which RFC 9110 allows;
        an If-Range that no longer matches the file also gets the whole (changed) file.
        """
        header = self.headers.get("Range")
        if header is None or not self._if_range_holds(found):
            return None
        match = _RANGE.fullmatch(header.strip().replace(" ", ""))
        if match is None or match.group(1) == match.group(2) == "":
            return None
        first, last = match.groups()
        if first == "":  # the last N bytes
            length = int(last)
            if length == 0 or found.size == 0:
                raise _Unsatisfiable
            return max(found.size - length, 0), found.size - 1
        start = int(first)
        end = found.size - 1 if last == "" else min(int(last), found.size - 1)
        if last != "" and int(last) < start:
            return None  # invalid: ignored, as RFC 9110 says
        if start >= found.size:
            raise _Unsatisfiable
        return start, end

    def _if_range_holds(self, found: _Found) -> bool:
        if_range = self.headers.get("If-Range")
        if if_range is None:
            return True
        if if_range.strip().startswith(('"', "W/")):
            return if_range.strip() == found.etag
        date = _http_date(if_range)
        return date is not None and found.mtime_ns // 1_000_000_000 == date


def _content_type(name: str) -> str:
    lowered = name.lower()
    for suffix in sorted(_TYPES, key=len, reverse=True):
        if lowered.endswith(suffix):
            return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def _http_date(value: str | None) -> int | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return int(parsed.timestamp())


def _copy(source: BinaryIO, sink: io.BufferedIOBase, start: int, length: int) -> None:
    source.seek(start)
    while length > 0:
        block = source.read(min(_COPY_BYTES, length))
        if not block:
            break
        sink.write(block)
        length -= len(block)


def feed_points_here(folder: Path, url: str) -> bool | None:
    """Whether the folder's feed.xml links its files at ``url`` (None: there is no feed yet)."""
    try:
        feed = (folder / FEED_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return f'url="{url}' in feed or f'href="{url}' in feed


def feed_command(folder: Path, url: str) -> str:
    """The command that points the folder's feed at this server, ready to paste into a shell."""
    return f"narrate feed {shlex.quote(os.fspath(folder))} --base-url {url}"
