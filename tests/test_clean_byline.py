"""Bylines and dates: table-driven."""

import pytest

from narrate.clean.byline import byline_of, natural_case
from narrate.clean.dates import find_date, iso_date


@pytest.mark.parametrize(
    "line,names",
    [
        ("BY PARK HYUN-JU, LIM JEONG-WON [[email protected]]", "Park Hyun-ju and Lim Jeong-won"),
        ("BY PARK HYUN-JU, LIM JEONG-WON [park.hyunju@joongang.co.kr]", "Park Hyun-ju and Lim Jeong-won"),
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("by Jane Doe, Staff Writer", "Jane Doe"),
        ("By JOHN SMITH-JONES", "John Smith-Jones"),
        ("By Jean-Luc Picard, Associated Press", "Jean-Luc Picard"),
        ("By Ana Lima, Bo Chen and Cy Twombly", "Ana Lima, Bo Chen and Cy Twombly"),
        ("Written by Regan", "Regan"),
        ("Kim Jae-won | Reporter", "Kim Jae-won"),
        ("Author: Maria Souza", "Maria Souza"),
        ("J.R. Stone | Staff Writer", "J.R. Stone"),
        # "By" in other languages, with their dates cut off
        ("Par Barbara Stiegler", "Barbara Stiegler"),
        ("Von Felix Eisenreich // 1. November 2023", "Felix Eisenreich"),
        ("Par Matthieu Hy le 07 Mai 2020", "Matthieu Hy"),
        ("Par Bruno Gobin, le mercredi 15 mai 2019 à 08h07", "Bruno Gobin"),
        ("Por Juliet Jimenez 5 mayo, 2022, 6:12 pm", "Juliet Jimenez"),
        ("Por Adriano Fernandes | 03/05/2022 20:36", "Adriano Fernandes"),
        ("Door Jan de Vries", "Jan de Vries"),
        ("Przez Anna Nowak", "Anna Nowak"),
    ],
)
def test_byline_names(line, names):
    assert byline_of(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the council will have spent forty million pounds on the bridge.",
        "Home > National > Defense",
        "[email protected]",
        "By 2030",
        "Related Article",
        # the other languages' "By" also opens phrases: the names must be a person's
        "Von Risiken und Nebenwirkungen",
        "Par ici la sortie",
        "Por qué el gobierno cambió de opinión",
        "Features / Columnists",
    ],
)
def test_not_bylines(line):
    assert byline_of(line) is None


@pytest.mark.parametrize(
    ("line", "next_line", "names"),
    [
        ("Jane Smith", "March 3, 2020", "Jane Smith"),
        ("Jane Smith - Mar 3, 2020 4:05 pm UTC", None, "Jane Smith"),
        # without "By", a menu item, a section or a commit message over a date is no byline
        ("Contact Us", "November 9, 2023 6:22 am CST", None),
        ("Home Judicial", "6 May 2022 - 2:00 a. m.", None),
        ("Create LICENSE", "Jun 23, 2020", None),
        ("Blog Home AI & Machine Learning • October 18, 2019", None, None),
    ],
)
def test_a_name_without_by_is_a_person_s(line, next_line, names):
    assert byline_of(line, next_line) == names


def test_byline_name_on_next_line():
    assert byline_of("By", "Sarah E. Needleman") == "Sarah E. Needleman"


@pytest.mark.parametrize(
    "name,natural",
    [
        ("PARK HYUN-JU", "Park Hyun-ju"),
        ("KIM JONG-UN", "Kim Jong-un"),
        ("JOHN O'NEILL", "John O'Neill"),
        ("ANNE MCDONALD", "Anne McDonald"),
        ("Jane van Dyke", "Jane van Dyke"),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven"),
    ],
)
def test_natural_case(name, natural):
    assert natural_case(name) == natural


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Nov. 19, 2019 8:03 am ET", "2019-11-19"),
        ("November 20, 2019", "2019-11-20"),
        ("19 November 2019", "2019-11-19"),
        ("Published 2024-03-05 10:00", "2024-03-05"),
        ("기사입력 :[ 2018-08-25 15:24 ]", "2018-08-25"),
        ("2018년 8월 25일", "2018-08-25"),
        ("21/06/2014", "2014-06-21"),
        ("06/21/2014", "2014-06-21"),
        ("no date here", None),
        ("February 30, 2020", None),
    ],
)
def test_find_date(text, iso):
    assert find_date(text) == iso


@pytest.mark.parametrize(
    "value,iso",
    [
        ("2024-03-05T08:15:00Z", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 08:15:00 GMT", "2024-03-05"),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso
