"""Reliability of ``narrate render`` against bad input, interruption and concurrent renders (issue 9).

Every render runs ``python -m narrate`` in a subprocess (what a user runs) with the fake engine
and a temporary cache, except the in-process fault injections (disk full, Ctrl-C while writing).
"""

# ruff: noqa: E501  (sample articles and HTML are kept one sentence per line)

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from conftest import EPISODE_FILES
from mutagen.mp3 import MP3

from narrate.clean import MAX_BYTES, load_article
from narrate.cli import cli
from narrate.errors import InputError
from narrate.output.names import slugify

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_c7231357d1905d75.txt"
EPISODE_SUFFIXES = (".mp3", ".chapters.json", ".vtt", ".transcript.json", ".srt", ".json")

ARTICLE = """Harbor town votes to rebuild its seawall

By Jane Doe

The town council voted on Tuesday to rebuild the seawall that storms broke twice last winter, ending a debate that lasted three years.

"We cannot wait for the next storm," said Mayor Ana Ruiz, who proposed the plan in March.

Construction will begin next spring and should take two years, the council said. The work will cost about $4 million.
"""

OTHER_ARTICLE = """Small school garden feeds local families

A primary school in the valley has turned its playground into a vegetable garden that now feeds forty families every week.

"The children learn where food comes from," said the head teacher, Tom Park, on Friday.
"""


def narrate_cmd(*args: object, verbose: bool = False) -> list[str]:
    head = [sys.executable, "-m", "narrate"] + (["-v"] if verbose else [])
    return head + [str(a) for a in args]


def render_cmd(article: object, out: Path, cache: Path, *extra: object, verbose: bool = False) -> list[str]:
    return narrate_cmd("render", article, "-o", out, "--cache-dir", cache, "--engine", "fake", "--no-progress",
                       *extra, verbose=verbose)  # fmt: skip


def run(cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)


def everything_in(folder: Path) -> list[str]:
    """Every entry in ``folder``, hidden temporary files included (none when it does not exist)."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def cache_entries(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")}


def cached_chunks(stderr: str) -> int:
    """How many chunks the render took from the cache (its ``-v`` log line)."""
    m = re.search(r"(\d+) of (\d+) chunks cached", stderr)
    assert m, stderr
    return int(m[1])


def assert_episode_files(out: Path, slug: str) -> None:
    for suffix in EPISODE_SUFFIXES:
        assert (out / f"{slug}{suffix}").is_file(), (slug, suffix, everything_in(out))
    audio = MP3(out / f"{slug}.mp3")
    assert audio.info.length > 1
    assert audio.tags is not None and str(audio.tags["TIT2"])
    meta = json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))
    assert meta["slug"] == slug and meta["duration"] > 1
    chapters = json.loads((out / f"{slug}.chapters.json").read_text(encoding="utf-8"))
    assert chapters["version"] == "1.2.0" and chapters["chapters"]
    assert (out / f"{slug}.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


# --- bad input: one line on stderr, exit 1, nothing in the output folder --------------------------


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", ARTICLE)
    return buf.getvalue()


def _pdf() -> bytes:
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + os.urandom(2048) + b"\n%%EOF\n")  # fmt: skip


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)

    return make


def _symlink_loop(path: Path) -> None:
    os.symlink(path.with_name("other-link"), path)
    os.symlink(path, path.with_name("other-link"))


def _dangling_link(path: Path) -> None:
    os.symlink(path.with_name("moved-away.txt"), path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def _under_a_file(path: Path) -> None:
    path.parent.write_text(ARTICLE, encoding="utf-8")  # plain.txt/article.txt: plain.txt is a file


# (case id, file name, content: bytes, str, a maker of the file, or None for no file; words in the message)
BAD_INPUTS: list[tuple[str, str, object, str]] = [
    ("missing file", "nope.txt", None, "no such file"),
    ("a folder", "folder", "mkdir", "is a directory"),
    ("empty file", "empty.txt", b"", "empty"),
    ("whitespace only", "blank.txt", "\n \u00a0\n\n\t\r\n   \n", "empty"),
    ("invisible characters only", "zw.txt", "\ufeff\u200b\n\u2060\u00ad\n", "empty"),
    ("UTF-16 whitespace only", "blank16.txt", "  \r\n\r\n\t".encode("utf-16"), "empty"),
    ("random bytes", "noise.txt", os.urandom(8192), "binary data"),
    ("PNG renamed .txt", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(600), "PNG"),
    ("JPEG renamed .md", "photo.md", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(600), "JPEG"),
    ("PDF renamed .txt", "paper.txt", _pdf(), "PDF"),
    ("ZIP archive renamed .txt", "bundle.txt", _zip(), "ZIP"),
    ("gzip archive renamed .html", "page.html", gzip.compress(ARTICLE.encode()), "gzip"),
    ("MP3 renamed .txt", "song.txt", b"ID3\x04\x00\x00\x00\x00\x00\x00" + os.urandom(1000), "MP3"),
    ("executable", "tool", b"\x7fELF\x02\x01\x01" + bytes(600), "executable"),
    ("text with NUL bytes", "nul.txt", b"Hello there, reader.\x00\x00\x00\x00" * 60, "binary data"),
    (
        "numbers, no sentences",
        "nums.txt",
        "12 34 56\n\n78 90\n\n-- -- --\n\n3.14 2.71\n",
        "no (article text|sentences)",
    ),
    ("a menu, no sentences", "menu.txt", "Home\nNews\nSport\nWeather\n", "no (article text|sentences)"),
    (
        "HTML with only scripts",
        "s.html",
        "<html><script>alert('Read me aloud please, dear narrator')</script><style>p{}</style></html>",
        "no article text",
    ),
    (
        "HTML with only a form and an iframe",
        "f.html",
        "<html><body><form action='https://example.com/q'><label>Search the whole site for news</label>"
        "<input name=q value='Type your words here'><button>Send it now</button></form>"
        "<iframe src='https://example.com/embed'>Your browser cannot show this frame</iframe></body></html>",
        "no article text",
    ),
    ("a 50 MB dump", "dump.txt", _sparse(50 * 2**20), "too large"),
    ("just over the size limit", "big.txt", _sparse(MAX_BYTES + 1), "too large"),
    ("a symbolic link loop", "loop.txt", _symlink_loop, "symbolic link loop"),
    ("a broken symbolic link", "link.txt", _dangling_link, "broken symbolic link .*moved-away.txt"),
    ("a socket", "sock.txt", _socket, "not a file .*socket"),
    ("a path through a file", "plain.txt/article.txt", _under_a_file, "no such file"),
]


@pytest.mark.parametrize("name,data,words", [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_clear_line_and_leaves_nothing(tmp_path, name, data, words):
    path = tmp_path / name
    if data == "mkdir":
        path.mkdir()
        (path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    elif callable(data):
        data(path)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    elif isinstance(data, bytes):
        path.write_bytes(data)
    out, cache = tmp_path / "out", tmp_path / "cache"
    done = run(render_cmd(path, out, cache))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"narrate: error: {path}: ")  # names the file
    assert re.search(words, lines[0], re.I), lines[0]  # what is wrong
    assert " — " in lines[0] and len(lines[0].split(" — ", 1)[1]) > 5  # what to do
    assert everything_in(out) == []


def test_an_unreadable_file_says_permission_denied(tmp_path, monkeypatch):
    """As root every file is readable, so the refusal is made to happen where the file is opened."""
    import builtins

    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(InputError, match=r"secret.txt: permission denied — make the file readable"):
        load_article(str(path))


@pytest.mark.parametrize("option", ["-o", "--cache-dir", "--voices", "--lexicon"])
def test_a_symbolic_link_loop_where_a_folder_or_file_goes_is_named(tmp_path, article, option):
    loop = tmp_path / "loop"
    _symlink_loop(loop)
    extra = [option, loop] if option != "-o" else []
    out = loop if option == "-o" else tmp_path / "out"
    done = run(narrate_cmd("render", article, "-o", out, "--engine", "fake", "--cache-dir", tmp_path / "cache",
                           *extra))  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "symbolic link loop" in lines[0] and str(loop) in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_a_feed_for_a_folder_that_is_a_loop_or_a_file_says_so(tmp_path, article):
    loop = tmp_path / "loop"
    _symlink_loop(loop)
    for folder, words in ((loop, "symbolic link loop"), (article, "not a folder")):
        done = run(narrate_cmd("feed", folder, "--base-url", "https://example.org/pod/"))
        assert done.returncode == 1 and words in done.stderr and len(done.stderr.splitlines()) == 1


def test_a_broken_episode_json_is_reported_once(tmp_path, article):
    out = tmp_path / "out"
    assert run(render_cmd(article, out, tmp_path / "cache", "--jobs", "1")).returncode == 0
    (out / "broken.json").write_text("{not json", encoding="utf-8")
    done = run(narrate_cmd("feed", out, "--base-url", "https://example.org/pod/"))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("broken.json") == 1, done.stderr


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = run(narrate_cmd("--debug", "render", path, "-o", tmp_path / "out", "--engine", "fake"))
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "InputError" in done.stderr
    assert everything_in(tmp_path / "out") == []


def test_one_bad_input_among_good_ones_renders_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4\n" + os.urandom(500))
    out = tmp_path / "out"
    done = run(render_cmd(good, out, tmp_path / "cache", bad))
    assert done.returncode == 1 and str(bad) in done.stderr and "Traceback" not in done.stderr
    assert everything_in(out) == []


# --- huge paragraphs: no engine call gets more than a bounded amount of text --------------------------


@pytest.fixture(scope="module")
def two_mb_paragraph(tmp_path_factory) -> Path:
    """A 2 MB paragraph without one sentence mark (a scraped block): long made-up words keep its
    audio to minutes, so the test measures the text's size, not the encoder's speed."""
    rng = random.Random(7)
    syllables = ["har", "bor", "wal", "coun", "cil", "ma", "yor", "ten", "der", "sto", "ne", "ri", "ver"]
    words, size = [], 0
    while size < 2 * 2**20:
        words.append("".join(rng.choice(syllables) for _ in range(rng.randint(100, 160))))
        size += len(words[-1]) + 1
    path = tmp_path_factory.mktemp("huge") / "block.txt"
    path.write_text("A scraped block of text\n\n" + " ".join(words) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_2_mb_paragraph_renders(tmp_path, two_mb_paragraph, jobs):
    out = tmp_path / "out"
    done = run(
        render_cmd(two_mb_paragraph, out, tmp_path / "cache", "--jobs", jobs, "--rate", 450), timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert_episode_files(out, "a-scraped-block-of-text")
    words = len(two_mb_paragraph.read_text(encoding="utf-8").split()) - 5
    duration_s = json.loads((out / "a-scraped-block-of-text.json").read_text(encoding="utf-8"))["duration"]
    assert duration_s > words * 60 / 450 * 0.9  # every word was spoken


@pytest.mark.espeak
def test_a_10000_word_paragraph_without_punctuation_renders_with_espeak(tmp_path):
    """One engine call of this paragraph crashed eSpeak NG (SIGSEGV); in pieces it is spoken whole."""
    rng = random.Random(3)
    vocabulary = [
        "the",
        "council",
        "said",
        "that",
        "work",
        "on",
        "the",
        "harbor",
        "wall",
        "would",
        "start",
        "soon",
        "and",
        "the",
        "mayor",
        "agreed",
    ]
    path = tmp_path / "transcript.txt"
    path.write_text("Transcript of the harbor meeting\n\n" + " ".join(rng.choice(vocabulary) for _ in range(10_000)),
                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    done = run(narrate_cmd("render", path, "-o", out, "--cache-dir", tmp_path / "cache", "--jobs", 1,
                           "--rate", 450, "--no-progress"), timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert_episode_files(out, "transcript-of-the-harbor-meeting")
    duration_s = json.loads((out / "transcript-of-the-harbor-meeting.json").read_text(encoding="utf-8"))[
        "duration"
    ]
    assert duration_s > 10_000 * 60 / 450 * 0.5  # eSpeak runs fast, but skips no words


# --- readable text in other encodings renders --------------------------------------------------------

ACCENTED = ARTICLE.replace("Ana Ruiz", "Ana Ruíz").replace("last winter", "last winter in Séoul")
ENCODINGS = {
    "latin-1": ACCENTED.replace('"', '"').encode("latin-1"),
    "windows-1252": ACCENTED.replace('"We', "\u201cWe").replace('storm,"', "storm,\u201d").encode("cp1252"),
    "utf-16 with BOM": ACCENTED.encode("utf-16"),
    "utf-16-be with BOM": b"\xfe\xff" + ACCENTED.encode("utf-16-be"),
    "utf-8 with BOM": b"\xef\xbb\xbf" + ACCENTED.encode("utf-8"),
    "CRLF line ends": ACCENTED.replace("\n", "\r\n").encode("utf-8"),
    "CR line ends": ACCENTED.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_readable_encodings_clean_to_the_same_article(tmp_path, encoding):
    reference = tmp_path / "utf8.txt"
    reference.write_text(ACCENTED, encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODINGS[encoding])
    expected, got = load_article(str(reference)), load_article(str(path))
    assert got.title == expected.title
    assert [p.replace("\u201c", '"').replace("\u201d", '"') for p in got.paragraphs] == list(
        expected.paragraphs
    )
    assert "Séoul" in got.paragraphs[0] and "\r" not in "".join(got.paragraphs)


@pytest.mark.parametrize("encoding", ["latin-1", "windows-1252", "utf-16 with BOM", "CRLF line ends"])
def test_readable_encodings_render(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODINGS[encoding])
    out = tmp_path / "out"
    done = run(render_cmd(path, out, tmp_path / "cache", "--jobs", "1"))
    assert done.returncode == 0, done.stderr
    assert_episode_files(out, "harbor-town-votes-to-rebuild-its-seawall")
    assert len(everything_in(out)) == EPISODE_FILES


# --- HTML: scripts, iframes and forms are never run, fetched or read aloud ---------------------------

HOSTILE_HTML = """<html><head><title>Town votes on a new bridge</title>
<script>document.title = "Secret script words"; fetch("https://example.com/track");</script>
<style>.x { content: "Styled words never spoken" }</style>
<link rel="stylesheet" href="https://example.com/style.css"></head><body>
<form action="https://example.com/login"><label>Log in to read the rest of the news</label>
<input name="user" value="Type your name here please"><button>Submit your answer now</button></form>
<iframe src="https://example.com/embed">Frame fallback words appear here</iframe>
<article><h1>Town votes on a new bridge</h1>
<p>The town council voted on Tuesday to build a new bridge across the river, ending a debate that lasted years.</p>
<script>document.write("<p>Injected paragraph that must never be spoken aloud by anyone.</p>")</script>
<p>Construction will begin next spring and should take two years, the mayor said at a meeting on Wednesday.</p>
<noscript>Enable JavaScript to see the comments below</noscript>
<img src="https://example.com/pixel.gif" onerror="alert('Image handler words')"></article></body></html>
"""
NEVER_SPOKEN = ("Secret script", "Styled words", "Log in", "Type your", "Submit", "Frame fallback", "Injected",
                "Enable JavaScript", "Image handler", "example.com", "fetch", "alert")  # fmt: skip


def test_html_scripts_frames_and_forms_are_not_read_and_nothing_is_fetched(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError(f"narrate opened a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    article = load_article(str(path))
    assert article.title == "Town votes on a new bridge"
    assert len(article.paragraphs) == 2 and article.paragraphs[0].startswith("The town council voted")
    spoken = " ".join([article.title, *article.paragraphs])
    for words in NEVER_SPOKEN:
        assert words not in spoken


def test_hostile_html_renders_without_the_hidden_words(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    out = tmp_path / "out"
    done = run(render_cmd(path, out, tmp_path / "cache", "--jobs", "1"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warnings from the extractor either
    transcript = (out / "town-votes-on-a-new-bridge.vtt").read_text(encoding="utf-8")
    for words in NEVER_SPOKEN:
        assert words not in transcript


@pytest.mark.parametrize("declared", ["cp037", "punycode", "unicode-escape", "utf-16", "utf-32", "base64"])
@pytest.mark.parametrize("padding", ["", " "], ids=["even", "odd"])
def test_a_meta_charset_that_cannot_be_true_does_not_garble_the_page(tmp_path, declared, padding):
    """An ASCII <meta> cannot declare EBCDIC, UTF-16 or a non-charset codec: the page is read as it is."""
    page = HOSTILE_HTML.replace("<head>", f'<head><meta charset="{declared}">') + padding
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("ascii"))
    article = load_article(str(path))
    assert article.title == "Town votes on a new bridge"
    assert article.paragraphs[0].startswith("The town council voted on Tuesday")


# --- outputs are atomic: a failed or interrupted write leaves nothing and spoils nothing --------------


def _cli(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "harbor.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _fail_while_writing(monkeypatch, exc: BaseException) -> None:
    """Make the WebVTT step fail: by then the MP3 and the chapters JSON are already staged."""
    import narrate.output.episode_files

    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(narrate.output.episode_files, "webvtt", boom)


def test_disk_full_while_writing_leaves_nothing(tmp_path, article, monkeypatch):
    _fail_while_writing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    out = tmp_path / "out"
    result = _cli(
        "render", article, "-o", out, "--cache-dir", tmp_path / "cache", "--engine", "fake", "--jobs", "1"
    )
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and len(result.stderr.splitlines()) == 1
    assert everything_in(out) == []


def test_disk_full_keeps_the_previous_episode_intact(tmp_path, article, monkeypatch):
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["render", article, "-o", out, "--cache-dir", cache, "--engine", "fake", "--jobs", "1"]
    assert _cli(*args).exit_code == 0
    before = {name: (out / name).read_bytes() for name in everything_in(out)}
    assert len(before) == EPISODE_FILES
    article.write_text(ARTICLE.replace("three years", "four years"), encoding="utf-8")
    _fail_while_writing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    assert _cli(*args).exit_code == 1
    assert {name: (out / name).read_bytes() for name in everything_in(out)} == before


def test_disk_full_in_the_cache_is_one_clear_line(tmp_path, article, monkeypatch):
    import narrate.rendering.cache

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(narrate.rendering.cache.Cache, "put", full)
    out = tmp_path / "out"
    result = _cli(
        "render", article, "-o", out, "--cache-dir", tmp_path / "cache", "--engine", "fake", "--jobs", "1"
    )
    assert everything_in(out) == []
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1
    assert "No space left on device" in result.stderr and len(result.stderr.splitlines()) == 1


def test_ctrl_c_while_writing_leaves_nothing(tmp_path, article, monkeypatch):
    _fail_while_writing(monkeypatch, KeyboardInterrupt())
    out = tmp_path / "out"
    result = _cli(
        "render", article, "-o", out, "--cache-dir", tmp_path / "cache", "--engine", "fake", "--jobs", "1"
    )
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert everything_in(out) == []


def test_corrupt_and_truncated_cache_entries_are_rendered_again(tmp_path, article):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run(render_cmd(article, out, cache, "--jobs", "1")).returncode == 0
    slug = "harbor-town-votes-to-rebuild-its-seawall"
    first = (out / f"{slug}.mp3").read_bytes()
    entries = sorted(cache_entries(cache))
    assert any(e.suffix == ".mp3" for e in entries) and any(e.suffix == ".seg" for e in entries)
    for i, entry in enumerate(entries):
        path = cache / entry
        blob = path.read_bytes()
        if i % 3 == 0:
            path.write_bytes(blob[: len(blob) // 2])  # truncated
        elif i % 3 == 1:
            path.write_bytes(blob[:-1] + bytes([blob[-1] ^ 0xFF]))  # one byte flipped
        else:
            path.write_bytes(b"")  # emptied
    shutil_out = tmp_path / "out2"
    done = run(render_cmd(article, shutil_out, cache, "--jobs", "1"))
    assert done.returncode == 0, done.stderr
    second = (shutil_out / f"{slug}.mp3").read_bytes()
    assert _audio(second) == _audio(first)
    assert_episode_files(shutil_out, slug)


def _audio(mp3: bytes) -> bytes:
    """The MP3 frames after the ID3v2 tag (the tag holds no render-dependent audio)."""
    if mp3[:3] != b"ID3":
        return mp3
    size = 0
    for byte in mp3[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return mp3[10 + size :]


# --- interruption of a real (subprocess) render ------------------------------------------------------


@pytest.fixture
def long_article(tmp_path) -> Path:
    """The seed with its body repeated 20 times (each copy marked, so no chunk repeats)."""
    head, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    paragraphs = body.split("\n\n")
    copies = [
        "\n\n".join(p.rstrip() + f" This was part {n}." if len(p.strip()) > 60 else p for p in paragraphs)
        for n in range(1, 21)
    ]
    path = tmp_path / "long.txt"
    path.write_text(head + "\n" + "\n\n".join(copies), encoding="utf-8")
    return path


def _start(cmd: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    # Output to files, not pipes: a stray worker could keep a pipe open after the parent is gone.
    with open(tmp_path / "stdout", "wb") as stdout, open(tmp_path / "stderr", "wb") as stderr:
        return subprocess.Popen(cmd, cwd=REPO, stdout=stdout, stderr=stderr)


def _wait_for_cache_entries(
    proc: subprocess.Popen[bytes], cache: Path, timeout_s: float = 60
) -> list[psutil.Process]:
    """Block until the render has cached a finished chunk; its worker processes at that moment."""
    deadline = time.monotonic() + timeout_s
    while not (cache.exists() and any(e.suffix == ".mp3" for e in cache_entries(cache))):  # a finished chunk
        assert proc.poll() is None, "the render ended before it cached anything"
        assert time.monotonic() < deadline, "no cache entry appeared"
        time.sleep(0.01)
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert proc.poll() is None, "the render finished before it could be interrupted"
    return workers


def _reap(workers: list[psutil.Process], wait_s: float = 5) -> list[psutil.Process]:
    """Workers still alive ``wait_s`` later (then killed, by pid, so no test leaves any behind)."""
    _, alive = psutil.wait_procs(workers, timeout=wait_s)
    for process in alive:
        process.kill()
    return alive


def _rerun_reuses_the_cache(long_article: Path, out: Path, cache: Path) -> None:
    inodes = {entry: (cache / entry).stat().st_ino for entry in cache_entries(cache)}
    assert inodes
    done = run(render_cmd(long_article, out, cache, "--jobs", "2", verbose=True))
    assert done.returncode == 0, done.stderr
    assert cached_chunks(done.stderr) >= 1
    # finished work is kept and reused, not rendered and written again (a rewrite is a new inode)
    assert {entry: (cache / entry).stat().st_ino for entry in inodes} == inodes
    slug = slugify(load_article(str(long_article)).title)
    assert_episode_files(out, slug)
    assert len(everything_in(out)) == EPISODE_FILES  # no temporary file left over either


def _interrupt(tmp_path: Path, long_article: Path, sig: int, wait_s: float = 5) -> tuple[int, str, list]:
    """Start a render, send ``sig`` once a chunk is cached; (exit status, stderr, workers that outlived it)."""
    cache = tmp_path / "cache"
    proc = _start(render_cmd(long_article, tmp_path / "out", cache, "--jobs", "2"), tmp_path)
    workers: list[psutil.Process] = []
    try:
        workers = _wait_for_cache_entries(proc, cache)
        assert workers, "no worker processes"
        proc.send_signal(sig)
        status = proc.wait(timeout=60)
    finally:
        proc.kill()
        stray = _reap(workers, wait_s)
    return status, (tmp_path / "stderr").read_text(), stray


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_render_leaves_nothing_and_the_rerun_reuses_the_cache(tmp_path, long_article, sig):
    status, stderr, stray = _interrupt(tmp_path, long_article, sig)
    assert status == 130
    assert "Traceback" not in stderr and "interrupted" in stderr
    out = tmp_path / "out"
    assert everything_in(out) == []  # not even hidden temporary files
    assert stray == []  # the workers were stopped too
    _rerun_reuses_the_cache(long_article, out, tmp_path / "cache")


def test_killed_render_leaves_no_final_file_and_the_rerun_works(tmp_path, long_article):
    status, _, _ = _interrupt(tmp_path, long_article, signal.SIGKILL, wait_s=0)
    assert status == -signal.SIGKILL
    out = tmp_path / "out"
    assert [n for n in everything_in(out) if not n.startswith(".")] == []  # no final-named partial file
    _rerun_reuses_the_cache(long_article, out, tmp_path / "cache")


def test_workers_do_not_outlive_a_killed_render(tmp_path, long_article):
    _, _, stray = _interrupt(tmp_path, long_article, signal.SIGKILL)
    assert stray == []


# --- two renders into one folder at once -------------------------------------------------------------


@pytest.mark.parametrize("same_title", [False, True], ids=["two titles", "one title"])
def test_two_renders_into_one_folder_at_once(tmp_path, same_title):
    first = tmp_path / "first.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second = tmp_path / "second.txt"
    other = OTHER_ARTICLE
    if same_title:
        other = "Harbor town votes to rebuild its seawall\n" + OTHER_ARTICLE.split("\n", 1)[1]
    second.write_text(other, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"  # one cache too: concurrent cache writers
    procs = [subprocess.Popen(render_cmd(path, out, cache, "--jobs", "2"), cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for path in (first, second)]  # fmt: skip
    results = [(*proc.communicate(timeout=120), proc.returncode) for proc in procs]
    for stdout, stderr, status in results:
        assert status == 0, stderr
        assert len(stdout.splitlines()) == EPISODE_FILES
    if same_title:
        slugs = {"harbor-town-votes-to-rebuild-its-seawall", "harbor-town-votes-to-rebuild-its-seawall-2"}
    else:
        slugs = {"harbor-town-votes-to-rebuild-its-seawall", "small-school-garden-feeds-local-families"}
    assert everything_in(out) == sorted(slug + suffix for slug in slugs for suffix in EPISODE_SUFFIXES)
    for slug in slugs:
        assert_episode_files(out, slug)
    sources = {json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))["source"] for slug in slugs}
    assert sources == {str(first), str(second)}


def test_a_render_waits_for_the_folder_lock_whatever_its_temp_dir(tmp_path, article):
    """While another process holds the output folder, a render (with its own TMPDIR) writes nothing."""
    import fcntl

    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    (tmp_path / "own-tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "own-tmp")}
    handle = os.open(out, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        proc = subprocess.Popen(render_cmd(article, out, cache, "--jobs", "1"), cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 60
        while not any(e.suffix == ".mp3" for e in (cache_entries(cache) if cache.exists() else ())):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.01)
        time.sleep(2)  # ample for this small render to write its files, were it not waiting
        assert proc.poll() is None, proc.communicate()
        assert everything_in(out) == []
    finally:
        os.close(handle)  # releases the lock
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert_episode_files(out, "harbor-town-votes-to-rebuild-its-seawall")


# --- names: titles that are not file names -----------------------------------------------------------

TITLES = [
    "Ministers/officials meet in Kyiv\\Kiev",
    "../../etc/passwd",
    "..",
    "CON",
    "nul: the report",
    "a" * 300,
    "Über die Straße: Ærø, Łódź & Kraków",
    "日本の首相が新しい政策を発表",
    "Путин и Зеленский: переговоры 2024",
    "Αθήνα: νέα μέτρα",
    '<script>"quoted" | pipes? *stars*</script>',
    "   ",
    "\u202e\u200bhidden direction\u0000",
]


@pytest.mark.parametrize("title", TITLES)
def test_slugs_are_safe_file_names(title):
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert len(slug) <= 80
    assert slug.split("-")[0] not in {"con", "prn", "aux", "nul"} or "-" in slug
    assert slug not in {"con", "prn", "aux", "nul"}


def test_slugs_transliterate_latin_letters_and_keep_other_scripts_apart():
    assert slugify("Über die Straße: Ærø, Łódź & Kraków") == "uber-die-strasse-aero-lodz-and-krakow"
    greek = {slugify(t) for t in ["Αθήνα: νέα μέτρα", "Αθήνα: παλιά μέτρα", "Θεσσαλονίκη"]}
    assert len(greek) == 3 and "article" not in greek
    assert slugify("Путин и Зеленский: переговоры 2024").startswith("2024-")


def test_a_title_with_slashes_and_dots_stays_in_the_output_folder(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("../../Ministers/officials: a\\b\n\n" + ARTICLE.split("\n", 1)[1], encoding="utf-8")
    out = tmp_path / "deep" / "out"
    done = run(render_cmd(path, out, tmp_path / "cache", "--jobs", "1"))
    assert done.returncode == 0, done.stderr
    assert everything_in(out) == sorted(f"ministers-officials-a-b{s}" for s in EPISODE_SUFFIXES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "cache", "deep"]


def test_a_foreign_json_file_with_the_same_name_is_not_overwritten(tmp_path, article):
    out = tmp_path / "out"
    out.mkdir()
    slug = "harbor-town-votes-to-rebuild-its-seawall"
    (out / f"{slug}.json").write_text("[1, 2, 3]\n", encoding="utf-8")
    done = run(render_cmd(article, out, tmp_path / "cache", "--jobs", "1"))
    assert done.returncode == 0, done.stderr
    assert (out / f"{slug}.json").read_text(encoding="utf-8") == "[1, 2, 3]\n"
    assert_episode_files(out, f"{slug}-2")
