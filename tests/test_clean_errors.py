"""InputError cases: every unreadable or article-less input gets one clear line naming the file."""

# ruff: noqa: E501  (sample article sentences are kept on one line)

import contextlib
import io
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrate.clean import MAX_BYTES, load_article, parse_article
from narrate.errors import InputError, NarrateError


def _write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


CASES = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", "\n \u00a0\n\n\t\n", "empty"),
    ("zero-width.txt", "\u200b\ufeff\n\u200b", "empty"),
    ("noise.txt", bytes(range(256)) * 16, "binary"),
    ("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(512), "PNG"),
    ("photo.txt", b"\xff\xd8\xff\xe0" + bytes(512), "JPEG"),
    ("doc.txt", b"%PDF-1.7\n" + bytes(300), "PDF"),
    ("a.txt", b"PK\x03\x04" + bytes(300), "ZIP"),
    ("a.gz", b"\x1f\x8b\x08\x00" + bytes(300), "gzip"),
    ("nul.txt", b"Hello there.\x00\x00\x00\x00" * 50, "binary"),
    ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06def " * 100, "binary"),
    ("s.html", "<html><script>alert(1)</script><style>p{}</style></html>", "no article text"),
    ("nums.txt", "12 34 56\n\n78 90\n-- -- --\n", "no"),
    ("menu.txt", "Home\nNews\nSport\n", "no"),
]


@pytest.mark.parametrize("name,data,words", CASES, ids=[c[0] for c in CASES])
def test_bad_inputs_raise_input_error(tmp_path, name, data, words):
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as exc:
        load_article(path)
    msg = str(exc.value)
    assert "\n" not in msg
    assert path in msg
    assert words.lower() in msg.lower()


def test_random_bytes(tmp_path):
    import random

    rnd = random.Random(7)
    for i in range(20):
        data = bytes(rnd.randrange(256) for _ in range(4096))
        with pytest.raises(InputError):
            load_article(_write(tmp_path, f"r{i}.txt", data))


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no such file"):
        load_article(path)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_article(str(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable(tmp_path):
    path = _write(tmp_path, "secret.txt", "A sentence that nobody may read today.")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="permission"):
        load_article(path)


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        load_article(str(path))
    with pytest.raises(InputError, match="too large"):
        parse_article(b"a" * (MAX_BYTES + 1), source="big.txt")


def test_input_error_is_a_narrate_error():
    assert issubclass(InputError, NarrateError)


def test_stdin(monkeypatch):
    text = "A headline\n\nThe council voted on Tuesday to build a new bridge across the river, ending a long debate.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    art = load_article("-")
    assert art.source == "-"
    assert art.paragraphs[0].startswith("The council voted")


def test_stdin_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="standard input"):
        load_article("-")


@pytest.mark.parametrize(
    "raw",
    [bytes([b]) * 300 for b in (0x80, 0x81, 0xC3, 0xFE, 0xFF)]
    + [b"\xff\xfe" + b"\x00\xd8" * 50, b"\xef\xbb\xbf\xff\xff"],
)
def test_decoding_never_raises_anything_but_input_error(raw):
    with contextlib.suppress(InputError):
        parse_article(raw, source="x.txt")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.html", "a.md", "a"]))
def test_any_bytes_give_an_article_or_an_input_error(raw, source):
    try:
        art = parse_article(raw, source=source)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert art.paragraphs and all(p.strip() for p in art.paragraphs)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000), st.sampled_from(["a.txt", "a.html", "a.md"]))
def test_any_text_gives_an_article_or_an_input_error(text, source):
    try:
        art = parse_article(text.encode("utf-8", "surrogatepass"), source=source)
    except InputError:
        pass
    else:
        assert isinstance(art.title, str)
