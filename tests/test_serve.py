"""`narrate serve`: a real HTTP client against the folder server on 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from test_feed import write_episode

from narrate.cli import cli
from narrate.errors import ServeError
from narrate.publish.feed import build_feed
from narrate.publish.serve import FolderServer, feed_command, feed_points_here, open_server

TIMEOUT_S = 10


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    published = tmp_path / "site"
    write_episode(published, "first", title="First story", seconds=2.0)
    return published


@pytest.fixture
def server(folder: Path) -> Iterator[FolderServer]:
    server = open_server(folder, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(TIMEOUT_S)


def fetch(server: FolderServer, path: str, method: str = "GET", **headers: str) -> Reply:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=TIMEOUT_S)
    try:
        # http.client sends the path as given: no normalisation of '..' on the way.
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def test_the_served_feed_reads_in_feedparser(folder: Path, server: FolderServer) -> None:
    build_feed(folder, base_url=server.url, title="T")
    reply = fetch(server, "/feed.xml")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(reply.body)
    assert not parsed.bozo, parsed.bozo_exception
    (entry,) = parsed.entries
    (enclosure,) = entry.enclosures
    assert enclosure.href == server.url + "first.mp3"
    audio = fetch(server, "/first.mp3")
    assert audio.body == (folder / "first.mp3").read_bytes()
    assert int(enclosure.length) == len(audio.body)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("first.mp3", "audio/mpeg"),
        ("first.vtt", "text/vtt; charset=utf-8"),
        ("first.chapters.json", "application/json+chapters"),
        ("first.json", "application/json"),
        ("index.html", "text/html; charset=utf-8"),
        ("cover.png", "image/png"),
        ("episode.m4b", "audio/mp4"),
        ("episode.m4a", "audio/mp4"),
        ("notes.bin", "application/octet-stream"),
    ],
)
def test_files_carry_the_types_the_feed_declares(
    folder: Path, server: FolderServer, name: str, content_type: str
) -> None:
    if not (folder / name).exists():
        (folder / name).write_bytes(b"\x00" * 10)
    reply = fetch(server, f"/{name}")
    assert (reply.status, reply.headers["Content-Type"]) == (200, content_type)
    assert reply.headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=10-19", 10, 19),
        ("bytes=100-", 100, None),
        ("bytes=-7", -7, None),
        ("bytes=0-0", 0, 0),
        ("bytes=5-99999999", 5, None),
    ],
)
def test_a_range_gets_206_with_exactly_those_bytes(
    folder: Path, server: FolderServer, header: str, first: int, last: int | None
) -> None:
    audio = (folder / "first.mp3").read_bytes()
    expected = audio[first : None if last is None else last + 1]
    reply = fetch(server, "/first.mp3", Range=header)
    assert reply.status == 206
    assert reply.body == expected
    start = first if first >= 0 else len(audio) + first
    assert reply.headers["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(audio)}"
    assert int(reply.headers["Content-Length"]) == len(expected)


def test_a_range_past_the_end_is_416_with_the_size(folder: Path, server: FolderServer) -> None:
    size = (folder / "first.mp3").stat().st_size
    reply = fetch(server, "/first.mp3", Range=f"bytes={size}-")
    assert reply.status == 416
    assert reply.headers["Content-Range"] == f"bytes */{size}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=9-3", "bytes=x-"])
def test_ranges_we_do_not_serve_get_the_whole_file(folder: Path, server: FolderServer, header: str) -> None:
    reply = fetch(server, "/first.mp3", Range=header)
    assert reply.status == 200
    assert reply.body == (folder / "first.mp3").read_bytes()


def test_conditional_requests_get_304(folder: Path, server: FolderServer) -> None:
    first = fetch(server, "/first.vtt")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and modified
    assert fetch(server, "/first.vtt", **{"If-None-Match": etag}).status == 304
    assert fetch(server, "/first.vtt", **{"If-Modified-Since": modified}).status == 304
    # If-None-Match decides when both are sent.
    both = {"If-None-Match": '"other"', "If-Modified-Since": modified}
    assert fetch(server, "/first.vtt", **both).status == 200
    (folder / "first.vtt").write_text("WEBVTT\n\nchanged\n", encoding="utf-8")
    os.utime(folder / "first.vtt", (1_900_000_000, 1_900_000_000))
    changed = fetch(server, "/first.vtt", **{"If-None-Match": etag})
    assert (changed.status, changed.body) == (200, b"WEBVTT\n\nchanged\n")
    assert changed.headers["ETag"] != etag


def test_a_stale_if_range_gets_the_whole_file(folder: Path, server: FolderServer) -> None:
    etag = fetch(server, "/first.mp3", "HEAD").headers["ETag"]
    assert fetch(server, "/first.mp3", Range="bytes=0-3", **{"If-Range": etag}).status == 206
    stale = fetch(server, "/first.mp3", Range="bytes=0-3", **{"If-Range": '"old"'})
    assert stale.status == 200
    old_date = formatdate(1_000_000_000, usegmt=True)
    assert fetch(server, "/first.mp3", Range="bytes=0-3", **{"If-Range": old_date}).status == 200


def test_one_connection_carries_several_requests(folder: Path, server: FolderServer) -> None:
    """Every response is framed (Content-Length or no body), so apps can keep the connection."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=TIMEOUT_S)
    try:
        replies = []
        etag = ""
        for path, headers in [
            ("/first.vtt", {}),
            ("/first.vtt", "etag"),
            ("/missing.mp3", {}),
            ("/first.mp3", {"Range": "bytes=0-9"}),
            ("/first.json", {}),
        ]:
            connection.request("GET", path, headers={"If-None-Match": etag} if headers == "etag" else headers)
            response = connection.getresponse()
            body = response.read()
            etag = response.headers["ETag"] or etag
            replies.append((response.status, len(body)))
    finally:
        connection.close()
    assert [status for status, _ in replies] == [200, 304, 404, 206, 200]
    assert replies[1][1] == 0 and replies[3][1] == 10


def test_head_sends_headers_without_a_body(folder: Path, server: FolderServer) -> None:
    reply = fetch(server, "/first.mp3", "HEAD")
    assert reply.status == 200
    assert int(reply.headers["Content-Length"]) == (folder / "first.mp3").stat().st_size
    assert reply.body == b""


@pytest.mark.parametrize(
    "path",
    ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/./first.mp3", "/..%2fsecret.txt"],
)
def test_dot_segments_are_refused(server: FolderServer, path: str) -> None:
    (Path(server.folder).parent / "secret.txt").write_text("not for you", encoding="utf-8")
    reply = fetch(server, path)
    assert reply.status == 400
    assert b"not for you" not in reply.body


def test_a_symlink_out_of_the_folder_is_not_found(folder: Path, server: FolderServer) -> None:
    (folder.parent / "secret.txt").write_text("not for you", encoding="utf-8")
    (folder / "leak.txt").symlink_to(folder.parent / "secret.txt")
    (folder / "up").symlink_to(folder.parent, target_is_directory=True)
    (folder / "alias.mp3").symlink_to(folder / "first.mp3")
    assert fetch(server, "/leak.txt").status == 404
    assert fetch(server, "/up/secret.txt").status == 404
    assert fetch(server, "/alias.mp3").status == 200  # a link that stays inside is fine


def test_folders_are_never_listed(folder: Path, server: FolderServer) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "private.mp3").write_bytes(b"x")
    for path in ("/", "/sub/"):
        reply = fetch(server, path)
        assert reply.status == 404
        assert b"private.mp3" not in reply.body and b"first.mp3" not in reply.body
    redirect = fetch(server, "/sub")
    assert (redirect.status, redirect.headers["Location"]) == (301, "sub/")


def test_a_folder_with_a_page_serves_it(folder: Path, server: FolderServer) -> None:
    (folder / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    reply = fetch(server, "/")
    assert (reply.status, reply.body) == (200, b"<!DOCTYPE html><title>x</title>")


@pytest.mark.parametrize("path", ["/missing.mp3", "/.first.mp3.part", "/%ff.mp3"])
def test_missing_hidden_and_garbled_names_are_not_served(
    folder: Path, server: FolderServer, path: str
) -> None:
    (folder / ".first.mp3.part").write_bytes(b"half a render")
    assert fetch(server, path).status in (400, 404)


def test_only_a_folder_can_be_served(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="not a folder"):
        open_server(tmp_path / "nowhere", port=0)


def test_a_port_in_use_is_a_serve_error(folder: Path, server: FolderServer) -> None:
    with pytest.raises(ServeError, match="--port"):
        open_server(folder, host="127.0.0.1", port=server.server_address[1])


def test_the_server_tells_whether_the_feed_points_at_it(folder: Path, server: FolderServer) -> None:
    assert feed_points_here(folder, server.url) is None
    build_feed(folder, base_url="https://example.org/pod/")
    assert feed_points_here(folder, server.url) is False
    build_feed(folder, base_url=server.url)
    assert feed_points_here(folder, server.url) is True


def test_listening_on_every_interface_gives_clients_a_real_address(folder: Path) -> None:
    server = open_server(folder, host="0.0.0.0", port=0)
    try:
        assert "0.0.0.0" not in server.url
        assert server.url.startswith("http://") and server.url.endswith(f":{server.server_address[1]}/")
    finally:
        server.server_close()


def test_the_feed_hint_quotes_the_folder_for_a_shell() -> None:
    assert feed_command(Path("output"), "http://127.0.0.1:8000/") == (
        "narrate feed output --base-url http://127.0.0.1:8000/"
    )
    assert feed_command(Path("my pods"), "http://h:1/") == "narrate feed 'my pods' --base-url http://h:1/"


def test_the_command_prints_its_address_and_stops_on_ctrl_c(folder: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "narrate", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        hint = process.stdout.readline()
        url = first.split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        assert hint.strip().endswith(f"narrate feed {folder} --base-url {url}")
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        connection.request("GET", "/first.json")
        assert connection.getresponse().status == 200
        connection.close()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=TIMEOUT_S)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_the_command_fails_in_one_line_on_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "nowhere"), "--port", "0"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "not a folder" in result.output
