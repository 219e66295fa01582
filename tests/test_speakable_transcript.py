"""The engine gets the speakable text; the transcript keeps the article's written form."""

from __future__ import annotations

from pathlib import Path

from narrate import build_script, load_article

ARTICLE = """Storm warning issued for the coast

By Jane Doe

The EPA said on 2019-03-17 that winds of 200 km/h would reach Kansas City, MO, by 10.30pm.

Officials at 1101 W. McKinley Ave asked residents to call (202) 555-0143 before World War II shelters fill.
"""


def test_segments_keep_the_written_form_for_the_transcript(tmp_path: Path) -> None:
    source = tmp_path / "storm.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    segments = [s for ch in build_script(load_article(str(source))).chapters for s in ch.segments]
    body = [s for s in segments if "EPA" in s.display or "McKinley" in s.display]
    assert len(body) == 2
    spoken = " ".join(s.text for s in body)
    shown = " ".join(s.display for s in body)
    for written in (
        "EPA",
        "2019-03-17",
        "200 km/h",
        "MO",
        "10.30pm",
        "W. McKinley Ave",
        "(202) 555-0143",
        "II",
    ):
        assert written in shown
    for said in (
        "E.P.A.",
        "March seventeenth",
        "kilometers per hour",
        "Missouri",
        "ten thirty p.m.",
        "West McKinley Avenue",
        "two zero two",
        "World War two",
    ):
        assert said in spoken
