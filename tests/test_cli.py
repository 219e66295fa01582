"""The command-line contract (DESIGN.md): output shapes, exit statuses and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EPISODE_FILES

KINDS = {"title", "byline", "narration", "quote"}
SHIPPED_VOICES = Path(__file__).resolve().parent.parent / "voices"


def _one_error_line(result) -> str:
    assert result.exit_code == 1, (result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("narrate: error: ")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.stdout == ""
    return lines[0]


def test_clean_json_lines_in_input_order(render_cli, article_txt, article_html):
    result = render_cli("clean", "--json", article_html, article_txt)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    for record, path in zip(records, (article_html, article_txt), strict=True):
        assert set(record) == {"source", "title", "byline", "paragraphs"}
        assert record["source"] == str(path)
        assert isinstance(record["paragraphs"], list)
        assert all(isinstance(p, str) for p in record["paragraphs"])
    html, txt = records
    assert html["title"] == "Bakery wins regional bread prize" and html["byline"] == "Nora Kim"
    assert txt["title"] == "Harbor town votes to rebuild its storm-battered seawall"
    assert txt["byline"] == "Maria Lopez"
    assert len(txt["paragraphs"]) == 6 and len(html["paragraphs"]) == 4
    # Body only: no headline, byline, navigation or footer.
    for record in records:
        body = " ".join(record["paragraphs"])
        assert record["title"] not in body and "By " + record["byline"] not in body
    assert not any(word in " ".join(html["paragraphs"]) for word in ("Copyright", "Subscribe", "Sports"))
    assert txt["paragraphs"][2].startswith('"We cannot keep patching')


def test_clean_plain_text(render_cli, article_md):
    result = render_cli("clean", article_md)
    assert result.exit_code == 0
    assert result.stdout.startswith("Library reopens after a year of repairs\n")
    assert "By Sam Carter" in result.stdout and "#" not in result.stdout and "*" not in result.stdout


def test_script_json_shape(render_cli, article_txt):
    result = render_cli("script", article_txt, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) - {"speakers"} == {"title", "chapters"}  # "speakers" was added later
    assert doc["title"] == "Harbor town votes to rebuild its storm-battered seawall"
    assert len(doc["chapters"]) >= 2
    segments = []
    for chapter in doc["chapters"]:
        assert set(chapter) == {"title", "segments"} and chapter["title"] and chapter["segments"]
        for segment in chapter["segments"]:
            assert set(segment) == {"text", "kind", "voice", "speaker"}
            assert segment["kind"] in KINDS and segment["text"].strip()
            segments.append(segment)
    assert [s["kind"] for s in segments[:2]] == ["title", "byline"]
    narrator = segments[0]["voice"]
    quotes = [s for s in segments if s["kind"] == "quote"]
    assert {s["speaker"] for s in quotes} == {"Ellen Brooks", "Tom Reyes"}
    assert all(s["voice"] != narrator for s in quotes)
    assert all(s["speaker"] is None and s["voice"] == narrator for s in segments if s["kind"] != "quote")
    # The two speakers are told apart, and a speaker keeps one voice.
    by_speaker = {s["speaker"]: {q["voice"] for q in quotes if q["speaker"] == s["speaker"]} for s in quotes}
    assert all(len(v) == 1 for v in by_speaker.values())
    assert by_speaker["Ellen Brooks"] != by_speaker["Tom Reyes"]
    # text is the speakable form: numbers and money spelled out.
    spoken = " ".join(s["text"] for s in segments)
    assert "fourteen million dollars" in spoken and "$" not in spoken and "7 to 2" not in spoken


def test_script_reads_stdin(render_cli, article_txt):
    from_file = json.loads(render_cli("script", article_txt, "--json").stdout)
    result = render_cli("script", "-", "--json", input=article_txt.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == from_file


def test_script_plain_names_voices(render_cli, article_txt):
    result = render_cli("script", article_txt)
    assert result.exit_code == 0
    assert "## Harbor town votes" in result.stdout
    assert "(Ellen Brooks)" in result.stdout and "[quote," in result.stdout


def test_voices_lists_profiles(render_cli):
    result = render_cli("voices")
    assert result.exit_code == 0, result.output
    for name in ("narrator", "quote-f1", "quote-f2", "quote-m1", "quote-m2", "quote-m3"):
        assert any(line.split()[:1] == [name] for line in result.stdout.splitlines()), name
    assert "engine voices on this machine" in result.stdout


@pytest.mark.espeak
def test_voices_all_available_with_espeak(render_cli):
    lines = [line for line in render_cli("voices").stdout.splitlines() if " espeak:" in line]
    assert len(lines) >= 6 and all("[available]" in line for line in lines)


def test_voices_reports_a_missing_engine_voice(render_cli, tmp_path):
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "narrator.toml").write_text('role = "narrator"\nengine = "fake"\nvoice = "fake/mid"\n')
    (folder / "quote-a.toml").write_text('role = "quote"\nengine = "fake"\nvoice = "fake/high"\n')
    (folder / "quote-b.toml").write_text('role = "quote"\nengine = "fake"\nvoice = "fake/nowhere"\n')
    result = render_cli("voices", "--voices", folder)
    assert result.exit_code == 0, result.output
    state = {line.split()[0]: line for line in result.stdout.splitlines() if "wpm" in line}
    assert "[available]" in state["narrator"] and "[available]" in state["quote-a"]
    assert "[MISSING]" in state["quote-b"]


@pytest.mark.parametrize(
    "args",
    [
        ("clean", "{tmp}/missing.txt"),
        ("script", "{tmp}/missing.txt"),
        ("render", "{tmp}/missing.txt", "-o", "{tmp}/out", "--cache-dir", "{tmp}/cache", "--engine", "fake"),
        ("clean", "{tmp}"),
        ("clean", "{tmp}/empty.txt"),
        ("render", "{article}", "-o", "{tmp}/out", "--cache-dir", "{tmp}/c", "--voices", "{tmp}/novoices"),
        ("render", "{article}", "-o", "{tmp}/out", "--cache-dir", "{tmp}/c", "--voices", "{tmp}/badvoices"),
    ],
)
def test_user_errors_exit_1_with_one_line(render_cli, tmp_path, article_txt, args):
    (tmp_path / "empty.txt").write_text("")
    shutil.copytree(SHIPPED_VOICES, tmp_path / "badvoices")
    (tmp_path / "badvoices" / "narrator.toml").write_text("role = [\n")
    argv = [a.format(tmp=tmp_path, article=article_txt) for a in args]
    _one_error_line(render_cli(*argv))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_file_names_the_file(render_cli, tmp_path):
    line = _one_error_line(render_cli("clean", tmp_path / "missing.txt"))
    assert "missing.txt" in line


@pytest.mark.parametrize(
    "args",
    [
        ("clean", "--bogus", "x.txt"),
        ("render",),
        ("render", "x.txt", "--jobs", "0"),
        ("render", "x.txt", "--rate", "20"),
        ("render", "x.txt", "--engine", "nope"),
        ("render", "x.txt", "--cache-dir", "a", "--bitrate", "33"),
        ("nosuchcommand",),
        ("feed", "dir"),
    ],
)
def test_usage_errors_exit_2(render_cli, args):
    result = render_cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_render_prints_the_files_it_wrote(render_cli, tmp_path, article_txt):
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    result = render_cli("render", article_txt, "-o", out, "--cache-dir", cache, "--engine", "fake", "-j", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == EPISODE_FILES
    assert sorted(Path(line) for line in lines) == sorted(out.iterdir())
    assert {Path(line).suffix for line in lines} == {".mp3", ".json", ".vtt", ".srt"}
    assert any(line.endswith(".chapters.json") for line in lines)


def test_render_from_stdin(render_cli, tmp_path, short_txt):
    out = tmp_path / "out"
    result = render_cli("render", "-", "-o", out, "--cache-dir", tmp_path / "cache", "--engine", "fake",
                        "--jobs", "1", input=short_txt.read_text())  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (out / "small-school-garden-feeds-local-families.mp3").exists()
    assert len(result.stdout.splitlines()) == EPISODE_FILES


def test_clean_json_keeps_section_headings_in_place_and_the_script_reads_them_once(render_cli, tmp_path):
    # A section heading is body text for a reader of `clean`; the script names its chapter after it
    # and speaks it once, as the heading line, never again as a paragraph.
    body = [
        "The county library on Elm Street reopened on Saturday after a year of repairs to its roof.",
        "More than four hundred residents came through the doors on the first morning of the week.",
        "The repairs cost two million dollars, most of it from a state grant awarded last spring.",
        "The county will pay the rest from its reserve fund over the next three years, officials said.",
    ]
    page = tmp_path / "library.md"
    page.write_text(
        "# Library reopens after a year of repairs\n\n"
        + "\n\n".join(body[:2])
        + "\n\n## Costs and funding\n\n"
        + "\n\n".join(body[2:])
        + "\n",
        encoding="utf-8",
    )
    result = render_cli("clean", "--json", page)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert set(record) == {"source", "title", "byline", "paragraphs"}
    assert record["paragraphs"] == [*body[:2], "Costs and funding", *body[2:]]
    plain = render_cli("clean", page).stdout
    assert plain.index(body[1]) < plain.index("Costs and funding") < plain.index(body[2])
    script = json.loads(render_cli("script", page, "--json").stdout)
    assert [c["title"] for c in script["chapters"]].count("Costs and funding") == 1
    spoken = [s["text"] for c in script["chapters"] for s in c["segments"]]
    assert sum(text.count("Costs and funding") for text in spoken) == 1
