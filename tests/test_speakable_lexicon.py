"""The pronunciation lexicon: shipped file, user overrides, case and word-boundary rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.errors import InputError
from narrate.speakable import Lexicon, load_lexicon, speakable


def _user(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_shipped_lexicon_loads_from_the_package() -> None:
    lexicon = load_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert all(key and value for key, value in lexicon.entries)


def test_user_entries_are_added_and_win(tmp_path: Path) -> None:
    shipped = dict(load_lexicon().entries)
    key = next(iter(shipped), "Belousov")
    lexicon = load_lexicon(_user(tmp_path, f'[words]\n{key} = "Zzz"\nKharkiv = "Harkiv"\n'))
    entries = dict(lexicon.entries)
    assert entries[key] == "Zzz"
    assert entries["Kharkiv"] == "Harkiv"
    assert len(entries) >= len(shipped)


CASE_RULES = [
    ({"Kharkiv": "Harkiv"}, "Fighting in Kharkiv rose.", "Fighting in Harkiv rose."),
    ({"Kharkiv": "Harkiv"}, "Kharkiv's mayor spoke.", "Harkiv's mayor spoke."),
    ({"Kharkiv": "Harkiv"}, "The Kharkiv-Kyiv road.", "The Harkiv-Kyiv road."),
    ({"Kharkiv": "Harkiv"}, "KHARKIV OBLAST", "KHARKIV OBLAST"),
    ({"Kharkiv": "Harkiv"}, "Kharkivske Street", "Kharkivske Street"),
    ({"Won": "Wohn"}, "He won the vote.", "He won the vote."),
    ({"Won": "Wohn"}, "Park Won-gon spoke.", "Park Wohn-gon spoke."),
    ({"oblast": "oblahst"}, "The oblast and the Oblast.", "The oblahst and the Oblahst."),
    ({"oblast": "oblahst"}, "Oblasts differ.", "Oblasts differ."),
    ({"Kim Jong-un": "Kim Jong Oon", "Kim": "Keem"}, "Kim Jong-un met Kim.", "Kim Jong Oon met Keem."),
]


@pytest.mark.parametrize(("entries", "raw", "applied"), CASE_RULES)
def test_case_and_boundary_rules(entries: dict[str, str], raw: str, applied: str) -> None:
    assert Lexicon(tuple(entries.items())).apply(raw) == applied


def test_speakable_applies_the_lexicon_given() -> None:
    lexicon = Lexicon((("Belousov", "Byeloosov"),))
    assert speakable("Andrey Belousov visited Pyongyang on Nov. 5.", lexicon) == (
        "Andrey Byeloosov visited Pyongyang on November fifth."
    )


@pytest.mark.parametrize(
    "body",
    ["[words\nKyiv = 'Keev'", "[words]\nKyiv = 3\n", "words = 'Kyiv'\n", '[words]\nKyiv = ""\n'],
)
def test_malformed_user_file_names_the_file(tmp_path: Path, body: str) -> None:
    path = _user(tmp_path, body)
    with pytest.raises(InputError, match=str(path)):
        load_lexicon(path)


def test_missing_user_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.toml"):
        load_lexicon(tmp_path / "nope.toml")
