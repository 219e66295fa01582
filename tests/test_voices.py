"""Voice profiles and casting: shipped profiles, stable and distinct casting, pins, malformed files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narrate.errors import VoiceError
from narrate.voices import cast_speakers, load_voices

SHIPPED = Path(__file__).resolve().parent.parent / "voices"
NAMES = ["Ellen Brooks", "Tom Reyes", "Hong Min", "Alice Moore", "Paul Grant", "Laura White", "Sam Carter"]


@pytest.fixture
def voices():
    return load_voices()


@pytest.fixture
def voices_dir(tmp_path):
    """A user voices folder: a copy of the shipped profiles."""
    folder = tmp_path / "voices"
    shutil.copytree(SHIPPED, folder)
    return folder


def test_shipped_profiles(voices):
    assert voices.narrator.role == "narrator"
    assert len(voices.quote_pool) >= 2
    assert all(p.role == "quote" for p in voices.quote_pool)
    names = [p.name for p in voices.profiles]
    assert len(set(names)) == len(names)
    # Quote voices must sound different from the narrator: another engine voice, not only a name.
    assert all(p.voice_id != voices.narrator.voice_id for p in voices.quote_pool)
    assert {p.gender for p in voices.quote_pool} >= {"f", "m"}
    for p in voices.profiles:
        assert 80 <= p.rate_wpm <= 450 and 0 < p.volume <= 1.0 and 0 <= p.pitch <= 99


def test_by_name(voices):
    assert voices.by_name(voices.narrator.name) is voices.narrator
    with pytest.raises(VoiceError):
        voices.by_name("nobody")


def test_with_engine_and_rate(voices):
    fake = voices.with_engine("fake")
    assert {p.engine for p in fake.profiles} == {"fake"}
    assert [p.voice_id for p in fake.profiles] == [p.voice_id for p in voices.profiles]
    fast = voices.with_rate(250)
    assert fast.narrator.rate_wpm == 250
    for before, after in zip(voices.quote_pool, fast.quote_pool, strict=True):
        assert after.rate_wpm == round(before.rate_wpm * 250 / voices.narrator.rate_wpm)
    with pytest.raises(VoiceError):
        voices.with_rate(20)


@pytest.mark.parametrize("name", NAMES)
def test_casting_is_stable_across_calls_and_episodes(voices, name):
    alone = cast_speakers(voices, [(name, None)])[name]
    assert cast_speakers(voices, [(name, None)])[name] == alone
    assert cast_speakers(load_voices(), [(name, None), (name, None)])[name] == alone


def test_two_speakers_get_different_profiles(voices):
    for a in NAMES:
        for b in NAMES:
            if a != b:
                cast = cast_speakers(voices, [(a, None), (b, None)])
                assert cast[a] != cast[b], (a, b)


def test_speakers_stay_distinct_while_the_pool_lasts(voices):
    pool = len(voices.quote_pool)
    cast = cast_speakers(voices, [(n, None) for n in NAMES[:pool]])
    assert len({p.name for p in cast.values()}) == pool
    # One more speaker than voices: everyone still gets a quote voice.
    more = cast_speakers(voices, [(n, None) for n in NAMES[: pool + 1]])
    assert all(p.role == "quote" for p in more.values())


@pytest.mark.parametrize("name", NAMES)
def test_gender_is_respected_when_the_pool_allows(voices, name):
    assert cast_speakers(voices, [(name, "f")])[name].gender == "f"
    assert cast_speakers(voices, [(name, "m")])[name].gender == "m"
    women = [p for p in voices.quote_pool if p.gender == "f"]
    cast = cast_speakers(voices, [(n, "f") for n in NAMES[: len(women)]])
    assert {p.name for p in cast.values()} == {p.name for p in women}


def test_pins_win(voices_dir):
    pinned = load_voices(voices_dir)
    natural = cast_speakers(pinned, [("Tom Reyes", "m")])["Tom Reyes"]
    target = next(p for p in pinned.quote_pool if p.name != natural.name and p.gender == "f")
    (voices_dir / "speakers.toml").write_text(f'[speakers]\n"Tom Reyes" = "{target.name}"\n')
    pinned = load_voices(voices_dir)
    assert pinned.pins == {"Tom Reyes": target.name}
    # The pin beats both the name's preference and the speaker's gender.
    assert cast_speakers(pinned, [("Tom Reyes", "m")])["Tom Reyes"] == target
    cast = cast_speakers(pinned, [("Ellen Brooks", None), ("Tom Reyes", "m")])
    assert cast["Tom Reyes"] == target


def test_pinned_voice_is_not_given_to_another_speaker(voices_dir):
    voices = load_voices(voices_dir)
    first = "Ellen Brooks"
    her_voice = cast_speakers(voices, [(first, None)])[first]
    (voices_dir / "speakers.toml").write_text(f'[speakers]\n"Tom Reyes" = "{her_voice.name}"\n')
    pinned = load_voices(voices_dir)
    cast = cast_speakers(pinned, [(first, None), ("Tom Reyes", None)])
    assert cast["Tom Reyes"].name == her_voice.name
    assert cast[first] != cast["Tom Reyes"]


def test_pin_to_the_narrator_or_unknown_profile_is_refused(voices_dir):
    (voices_dir / "speakers.toml").write_text('[speakers]\n"Tom Reyes" = "narrator"\n')
    with pytest.raises(VoiceError, match="not a quote voice"):
        load_voices(voices_dir)
    (voices_dir / "speakers.toml").write_text('[speakers]\n"Tom Reyes" = "quote-zz"\n')
    with pytest.raises(VoiceError, match="quote-zz"):
        load_voices(voices_dir)


@pytest.mark.parametrize(
    ("file_name", "text"),
    [
        ("quote-f1.toml", 'role = "quote"\nvoice = "gmw/en-us+f3\n'),  # unterminated string
        ("quote-f1.toml", "role = quote\n"),
        ("speakers.toml", "[speakers\n"),
        ("quote-f1.toml", 'role = "quote"\n'),  # no voice
        ("quote-f1.toml", 'role = "quote"\nvoice = "x"\nrate_wpm = "fast"\n'),
        ("quote-f1.toml", 'role = "singer"\nvoice = "x"\n'),
        ("quote-f1.toml", 'role = "quote"\nvoice = "x"\ngender = "x"\n'),
        ("quote-f2.toml", 'role = "narrator"\nvoice = "x"\n'),  # two narrators
    ],
)
def test_malformed_profiles_are_voice_errors(voices_dir, file_name, text):
    (voices_dir / file_name).write_text(text)
    with pytest.raises(VoiceError):
        load_voices(voices_dir)


def test_missing_or_empty_voices_folder(tmp_path):
    with pytest.raises(VoiceError, match="not found"):
        load_voices(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(VoiceError, match="narrator"):
        load_voices(tmp_path / "empty")
