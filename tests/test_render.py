"""End-to-end renders with the fake engine (and one short real-eSpeak render): files, timing, cache."""

from __future__ import annotations

import itertools
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pyloudnorm as pyln
import pytest
from conftest import EPISODE_FILES, audio_payload, cache_files, decode_mp3, parse_vtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from narrate.engines.fake import FakeEngine
from narrate.voices import load_voices

RATE = 22050


def render(render_cli, article, out: Path, cache: Path | None, *extra) -> list[str]:
    cache_args = ["--no-cache"] if cache is None else ["--cache-dir", cache]
    result = render_cli("render", article, "-o", out, *cache_args, "--engine", "fake", "--jobs", "1", *extra)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output.splitlines()


class Episode:
    """The files of one rendered episode, parsed."""

    def __init__(self, out: Path) -> None:
        files = sorted(p.name for p in out.iterdir())
        self.out, self.files = out, files
        mp3s = [f for f in files if f.endswith(".mp3")]
        assert len(mp3s) == 1, files
        self.slug = mp3s[0].removesuffix(".mp3")
        self.mp3 = out / f"{self.slug}.mp3"
        self.meta = json.loads((out / f"{self.slug}.json").read_text(encoding="utf-8"))
        self.chapters = json.loads((out / f"{self.slug}.chapters.json").read_text(encoding="utf-8"))
        self.cues = parse_vtt((out / f"{self.slug}.vtt").read_text(encoding="utf-8"))
        self.id3 = ID3(self.mp3)
        self.length_s = MP3(self.mp3).info.length


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, article_txt_module):
    from click.testing import CliRunner

    from narrate.cli import cli

    root = tmp_path_factory.mktemp("render")
    out, cache = root / "out", root / "cache"
    args = ["render", str(article_txt_module), "-o", str(out), "--cache-dir", str(cache), "--engine", "fake",
            "--jobs", "1"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return Episode(out), cache, result.output.splitlines()


@pytest.fixture(scope="module")
def article_txt_module():
    return Path(__file__).resolve().parent / "fixtures" / "render" / "harbor.txt"


def test_exactly_the_episode_files(rendered):
    episode, _, lines = rendered
    slug = episode.slug
    names = [f"{slug}.{ext}" for ext in ("mp3", "chapters.json", "vtt", "transcript.json", "srt", "json")]
    assert episode.files == sorted(names)
    assert slug == "harbor-town-votes-to-rebuild-its-storm-battered-seawall"
    assert sorted(Path(line).name for line in lines) == episode.files
    assert episode.meta["files"] == {
        "audio": f"{slug}.mp3",
        "chapters": f"{slug}.chapters.json",
        "transcript": f"{slug}.vtt",
        "transcript_json": f"{slug}.transcript.json",
        "transcript_srt": f"{slug}.srt",
    }


def test_json_and_srt_transcripts_carry_the_vtt_cues(rendered):
    episode, _, _ = rendered
    out = episode.mp3.parent
    doc = json.loads((out / f"{episode.slug}.transcript.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.0.0"
    segments = [(round(s["startTime"] * 1000), round(s["endTime"] * 1000), s["speaker"], s["body"])
                for s in doc["segments"]]  # fmt: skip
    assert segments == [(a, b, who, " ".join(text.split())) for a, b, who, text in episode.cues]
    blocks = (out / f"{episode.slug}.srt").read_text(encoding="utf-8").strip().split("\n\n")
    assert len(blocks) == len(episode.cues)
    for number, (block, (a, b, who, text)) in enumerate(zip(blocks, episode.cues, strict=True), 1):
        index, timing, line = block.split("\n")
        assert int(index) == number and timing == f"{_srt(a)} --> {_srt(b)}"
        assert line.removeprefix(f"{who}: ") == " ".join(text.split())


def _srt(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def test_metadata(rendered):
    episode, _, _ = rendered
    meta = episode.meta
    assert meta["title"] == "Harbor town votes to rebuild its storm-battered seawall"
    assert meta["byline"] == "Maria Lopez"
    assert meta["source"].endswith("harbor.txt")
    assert episode.id3["TIT2"].text == [meta["title"]]
    assert episode.id3["TPE1"].text == ["Maria Lopez"]
    assert [c["title"] for c in meta["chapters"]] == [c["title"] for c in episode.chapters["chapters"]]


def test_duration_matches_the_audio(rendered):
    episode, _, _ = rendered
    # Exact to the millisecond: the LAME tag gives players the length, and ffmpeg plays just that.
    assert abs(episode.length_s - episode.meta["duration"]) <= 0.0005
    decoded = decode_mp3(episode.mp3).size / RATE
    assert abs(decoded - episode.meta["duration"]) <= 0.0005
    assert max(c.end_time for c in episode.id3.getall("CHAP")) == round(episode.meta["duration"] * 1000)
    # Plausible for ~230 words at 175 wpm plus pauses.
    assert 60 <= episode.meta["duration"] <= 110


def test_chapters_agree_everywhere(rendered):
    episode, _, _ = rendered
    chaps = episode.id3.getall("CHAP")
    assert episode.id3.version == (2, 3, 0)
    assert len(chaps) == len(episode.chapters["chapters"]) >= 2
    listed = episode.chapters["chapters"]
    assert [round(c.start_time / 1000, 3) for c in chaps] == [c["startTime"] for c in listed]
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == [c["title"] for c in listed]
    assert [c.start_time for c in chaps] == sorted(c.start_time for c in chaps)
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(chaps))
    assert chaps[0].start_time == 0
    assert abs(chaps[-1].end_time / 1000 - episode.length_s) <= 1.0
    assert list(episode.id3.getall("CTOC")[0].child_element_ids) == [c.element_id for c in chaps]
    assert [(c["start"], c["end"]) for c in episode.meta["chapters"]] == [
        (c.start_time / 1000, c.end_time / 1000) for c in chaps
    ]


def test_cues_inside_audio_and_voice_tagged(rendered):
    episode, _, _ = rendered
    cues = episode.cues
    assert cues
    assert all(0 <= a < b <= episode.length_s * 1000 + 1 for a, b, _, _ in cues)
    assert all(p[1] <= q[0] for p, q in itertools.pairwise(cues))
    voices = {v for _, _, v, _ in cues}
    assert voices == {"Narrator", "Ellen Brooks", "Tom Reyes"}
    quotes = {v: [t for _, _, w, t in cues if w == v] for v in ("Ellen Brooks", "Tom Reyes")}
    assert any("cannot keep patching" in t for t in quotes["Ellen Brooks"])
    assert any("another fifty years" in t for t in quotes["Ellen Brooks"])
    assert any("Nobody asked us" in t for t in quotes["Tom Reyes"])
    narration = " ".join(t for _, _, v, t in cues if v == "Narrator")
    assert "cannot keep patching" not in narration and "said Mayor Ellen Brooks" in narration
    # The transcript shows the article's wording, not the speakable form.
    assert "$14 million" in narration and "7 to 2" in narration


def _dominant_hz(audio: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(audio.size)))
    return float(np.fft.rfftfreq(audio.size, 1 / RATE)[int(np.argmax(spectrum))])


def test_cues_line_up_with_the_voices_heard(rendered, fake_voices, article_txt):
    """The fake engine gives each voice its own tone: each cue's audio must carry its speaker's tone."""
    from narrate.clean import load_article
    from narrate.script import build_script

    episode, _, _ = rendered
    script = build_script(load_article(str(article_txt)), fake_voices)
    voice_of = {"Narrator": fake_voices.narrator.name}
    voice_of |= {s.speaker: s.voice for c in script.chapters for s in c.segments if s.kind == "quote"}
    engine = FakeEngine()
    expected = {
        who: _dominant_hz(_float(engine.synthesize("word", fake_voices.by_name(name)).samples))
        for who, name in voice_of.items()
    }
    assert len({round(h) for h in expected.values()}) == len(expected) == 3
    audio = decode_mp3(episode.mp3)
    for start, end, voice, text in episode.cues:
        a, b = int(start * RATE / 1000), int(end * RATE / 1000)
        middle = audio[a + (b - a) // 4 : b - (b - a) // 4]
        assert np.sqrt(np.mean(middle**2)) > 0.01, (voice, text)  # speech, not a pause
        heard = _dominant_hz(middle)
        nearest = min(expected, key=lambda v: abs(expected[v] - heard))
        assert nearest == voice, (voice, heard, expected, text)


def _float(samples: bytes) -> np.ndarray:
    return np.frombuffer(samples, "<i2").astype(np.float64) / 32768


def test_fake_render_loudness(rendered):
    """Every segment is normalised, so even the fake tones land on the target."""
    episode, _, _ = rendered
    audio = decode_mp3(episode.mp3)
    assert abs(pyln.Meter(RATE).integrated_loudness(audio) + 16) <= 1.0
    assert 20 * math.log10(np.abs(audio).max()) <= -1.0


def test_second_render_reuses_the_cache(rendered, tmp_path, render_cli, article_txt):
    episode, cache, _ = rendered
    before = cache_files(cache)
    assert any(p.suffix == ".seg" for p in before) and any(p.suffix == ".mp3" for p in before)
    render(render_cli, article_txt, tmp_path / "again", cache)
    assert cache_files(cache) == before
    again = Episode(tmp_path / "again")
    assert audio_payload(again.mp3) == audio_payload(episode.mp3)
    assert again.mp3.read_bytes() == episode.mp3.read_bytes()
    assert again.cues == episode.cues and again.chapters == episode.chapters
    assert again.meta["guid"] == episode.meta["guid"]


def test_editing_one_paragraph_adds_only_its_chunk(tmp_path, render_cli, article_txt):
    cache, article = tmp_path / "cache", tmp_path / "harbor.txt"
    shutil.copy(article_txt, article)
    render(render_cli, article, tmp_path / "v1", cache)
    first = Episode(tmp_path / "v1")
    before = cache_files(cache)
    text = article.read_text(encoding="utf-8")
    edited = text.replace("at the town library.", "at the old town library on Elm Street.")
    assert edited != text
    article.write_text(edited, encoding="utf-8")
    render(render_cli, article, tmp_path / "v2", cache)
    second = Episode(tmp_path / "v2")
    added = cache_files(cache) - before
    # One new segment and one new encoded chunk; nothing else is rendered again.
    assert sorted(p.suffix for p in added) == [".mp3", ".seg"], added
    old, new = audio_payload(first.mp3), audio_payload(second.mp3)
    pairs = enumerate(zip(old, new, strict=False))
    common = next((i for i, (x, y) in pairs if x != y), min(len(old), len(new)))
    assert common >= 0.6 * len(old)
    assert second.meta["duration"] > first.meta["duration"]
    assert any("old town library on Elm Street" in t for _, _, _, t in second.cues)


def test_jobs_do_not_change_the_audio(tmp_path, render_cli, article_txt):
    render(render_cli, article_txt, tmp_path / "one", tmp_path / "c1", "--jobs", "1")
    render(render_cli, article_txt, tmp_path / "two", tmp_path / "c2", "--jobs", "2")
    one, two = Episode(tmp_path / "one"), Episode(tmp_path / "two")
    assert audio_payload(one.mp3) == audio_payload(two.mp3)
    assert one.cues == two.cues and one.chapters == two.chapters


def test_no_cache_gives_the_same_audio_and_keeps_nothing(rendered, tmp_path, render_cli, article_txt):
    episode, _, _ = rendered
    render(render_cli, article_txt, tmp_path / "nc", None)
    assert audio_payload(Episode(tmp_path / "nc").mp3) == audio_payload(episode.mp3)


def test_corrupt_cache_entries_are_rendered_again(tmp_path, render_cli, article_txt):
    cache = tmp_path / "cache"
    render(render_cli, article_txt, tmp_path / "a", cache)
    good = audio_payload(Episode(tmp_path / "a").mp3)
    for entry in cache_files(cache):
        path = cache / entry
        blob = bytearray(path.read_bytes())
        blob[len(blob) // 2] ^= 0xFF
        path.write_bytes(bytes(blob))
    render(render_cli, article_txt, tmp_path / "b", cache)
    assert audio_payload(Episode(tmp_path / "b").mp3) == good


@pytest.mark.parametrize("fixture_name", ["article_md", "article_html"])
def test_markdown_and_html_render(request, fixture_name, tmp_path, render_cli):
    article = request.getfixturevalue(fixture_name)
    render(render_cli, article, tmp_path / "out", tmp_path / "cache")
    episode = Episode(tmp_path / "out")
    assert len(episode.files) == EPISODE_FILES
    assert abs(episode.length_s - episode.meta["duration"]) <= 0.1
    speakers = {v for _, _, v, _ in episode.cues}
    assert "Narrator" in speakers and len(speakers) == 2
    assert not any("Copyright" in t or "Subscribe" in t for _, _, _, t in episode.cues)


def test_two_articles_with_one_title_get_two_slugs(tmp_path, render_cli, article_txt):
    copy = tmp_path / "copy.txt"
    shutil.copy(article_txt, copy)
    lines = render(render_cli, article_txt, tmp_path / "out", tmp_path / "cache")
    lines += render(render_cli, copy, tmp_path / "out", tmp_path / "cache")
    mp3s = sorted(p.name for p in (tmp_path / "out").glob("*.mp3"))
    slug = "harbor-town-votes-to-rebuild-its-storm-battered-seawall"
    assert mp3s == sorted([f"{slug}.mp3", f"{slug}-2.mp3"])
    assert len(lines) == 2 * EPISODE_FILES and all(Path(line).exists() for line in lines)


@pytest.mark.espeak
def test_espeak_render_loudness_and_peak(tmp_path, render_cli, short_txt):
    result = render_cli("render", short_txt, "-o", tmp_path / "out", "--cache-dir", tmp_path / "cache",
                        "--jobs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    mp3 = next((tmp_path / "out").glob("*.mp3"))
    audio = decode_mp3(mp3)
    loudness = pyln.Meter(RATE).integrated_loudness(audio)
    assert -17.0 <= loudness <= -15.0, loudness
    assert 20 * math.log10(np.abs(audio).max()) <= -1.0
    # True peak (4x oversampled, as BS.1770 measures it) stays under -1 dBTP too.
    from scipy.signal import resample_poly

    assert 20 * math.log10(np.abs(resample_poly(audio, 4, 1)).max()) <= -1.0
    meta = json.loads(mp3.with_suffix(".json").read_text())
    assert abs(MP3(mp3).info.length - meta["duration"]) <= 0.1
    assert load_voices().narrator.engine == "espeak"
    cues = parse_vtt(mp3.with_suffix(".vtt").read_text())
    assert {v for _, _, v, _ in cues} == {"Narrator", "Laura White"}


def test_interrupted_render_leaves_no_partial_files(tmp_path, render_cli, article_txt, monkeypatch):
    import narrate.output.episode_files

    out, cache, article = tmp_path / "out", tmp_path / "cache", tmp_path / "harbor.txt"
    shutil.copy(article_txt, article)
    render(render_cli, article, out, cache)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(narrate.output.episode_files, "webvtt", interrupted)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("at the town library", "in the library"), encoding="utf-8")
    result = render_cli("render", article, "-o", out, "--cache-dir", cache, "--engine", "fake", "--jobs", "1")
    assert result.exit_code == 130
    # The finished episode is untouched and nothing half-written is left beside it.
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_seed_renders_consistently(tmp_path, render_cli, seed_path):
    render(render_cli, seed_path, tmp_path / "out", tmp_path / "cache", "--jobs", "2")
    episode = Episode(tmp_path / "out")
    assert len(episode.files) == EPISODE_FILES
    assert abs(episode.length_s - episode.meta["duration"]) <= 0.1
    chaps = episode.id3.getall("CHAP")
    assert len(chaps) >= 3
    assert [c.start_time for c in chaps] == sorted(c.start_time for c in chaps)
    starts = [c["startTime"] for c in episode.chapters["chapters"]]
    assert [round(c.start_time / 1000, 3) for c in chaps] == starts
    assert abs(chaps[-1].end_time / 1000 - episode.length_s) <= 1.0
    assert all(0 <= a < b <= episode.length_s * 1000 + 1 for a, b, _, _ in episode.cues)
    # Chapter starts fall between cues, never inside one.
    for chap in chaps[1:]:
        assert not any(a < chap.start_time < b for a, b, _, _ in episode.cues), chap.start_time
    audio = decode_mp3(episode.mp3)
    assert abs(pyln.Meter(RATE).integrated_loudness(audio) + 16) <= 1.0


def test_render_options_take_effect(rendered, tmp_path, render_cli, article_txt):
    base, _, _ = rendered
    cache = tmp_path / "cache"
    render(render_cli, article_txt, tmp_path / "quiet", cache, "--loudness", "-20", "--bitrate", "96")
    quiet = Episode(tmp_path / "quiet")
    assert MP3(quiet.mp3).info.bitrate == 96_000
    assert abs(quiet.length_s - quiet.meta["duration"]) <= 0.1
    assert abs(pyln.Meter(RATE).integrated_loudness(decode_mp3(quiet.mp3)) + 20) <= 1.0
    render(render_cli, article_txt, tmp_path / "fast", cache, "--rate", "300")
    fast = Episode(tmp_path / "fast")
    # Speech takes 175/300 of the time; the pauses stay as they were.
    assert fast.meta["duration"] < 0.75 * base.meta["duration"]
    assert [c["title"] for c in fast.chapters["chapters"]] == [c["title"] for c in base.chapters["chapters"]]
