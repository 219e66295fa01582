"""The library composes: script -> render (in memory) -> write, with any executor."""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import pytest

import narrate
from narrate import EpisodeRecord, RenderOptions, build_script, load_article, render, write
from narrate.rendering.chunks import ChunkAudio, ChunkJob
from narrate.rendering.synth import render_chunk


@pytest.fixture
def script(article_txt, fake_voices):
    return build_script(load_article(str(article_txt)), fake_voices)


class ThreadExecutor:
    """A ChunkExecutor on a thread pool, as an engine that runs in one process would use."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.jobs: list[ChunkJob] = []

    def submit(self, job: ChunkJob) -> Future[ChunkAudio]:
        self.jobs.append(job)
        return self.pool.submit(render_chunk, job)


def test_public_names_resolve_to_what_they_say():
    assert callable(narrate.render) and callable(narrate.write) and callable(narrate.narrate)
    assert issubclass(narrate.InputError, narrate.NarrateError)
    for name in narrate.__all__:
        assert getattr(narrate, name) is not None


def test_library_renders_in_one_process_by_default():
    assert RenderOptions().jobs == 1


def test_render_returns_the_episode_in_memory(script, fake_voices, tmp_path):
    [episode] = render(script, fake_voices, RenderOptions(cache_dir=None))
    assert episode.title == script.title and episode.source == script.source
    assert [c.title for c in episode.chapters] == [c.title for c in script.chapters]
    assert episode.duration_ms == episode.chapters[-1].end_ms > 0
    assert episode.cues[0].text == script.chapters[0].segments[0].display
    assert episode.audio is not None and all(block.read() for block in episode.audio.frames)
    assert not list(tmp_path.iterdir())  # nothing written, no cache kept


def test_an_edited_script_renders(script, fake_voices):
    first = script.chapters[1]
    edited = replace(script, chapters=(script.chapters[0], replace(first, title="Renamed")))
    [episode] = render(edited, fake_voices, RenderOptions(cache_dir=None))
    assert [c.title for c in episode.chapters] == [script.title, "Renamed"]


def test_any_executor_renders_the_same_episode(script, fake_voices, tmp_path):
    options = RenderOptions(cache_dir=None)
    [inline] = render(script, fake_voices, options)
    executor = ThreadExecutor()
    try:
        [threaded] = render(script, fake_voices, options, executor=executor)
    finally:
        executor.pool.shutdown()
    assert executor.jobs  # every chunk went through it
    assert threaded == inline
    assert threaded.audio is not None and inline.audio is not None
    assert threaded.audio.frames == inline.audio.frames


def test_write_gives_the_record_the_episode_json_reads_back_as(script, fake_voices, tmp_path):
    [episode] = render(script, fake_voices, RenderOptions(cache_dir=None))
    record = write(episode, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(record.file_names())
    data = json.loads((tmp_path / record.json_file).read_text(encoding="utf-8"))
    assert EpisodeRecord.from_json(data) == record
    assert EpisodeRecord.from_json(json.loads(record.to_json())) == record


def test_wav_needs_no_cache_either(script, fake_voices, tmp_path):
    options = RenderOptions(cache_dir=None, audio_format="wav")
    [episode] = render(script, fake_voices, options)
    record = write(episode, tmp_path / "out")
    wav = (tmp_path / "out" / record.formats["wav"]).read_bytes()
    # What gapless players play of the MP3: without the first lead-in and the last padding.
    played = episode.audio.end_sample - episode.audio.start_sample
    assert wav[:4] == b"RIFF" and len(wav) == 44 + played * 2
    assert played * 1000 // 22050 == pytest.approx(episode.duration_ms, abs=1)
