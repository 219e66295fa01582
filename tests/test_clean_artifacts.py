"""What copying a page as text adds to its lines: ruby readings, formulas copied twice."""

# ruff: noqa: E501  (copied lines are kept on one line)

import pytest

from narrate.clean.artifacts import repair_line


@pytest.mark.parametrize(
    ("copied", "read"),
    [
        (
            "子 こ どもへの 体罰 たいばつ を 禁止 きんし する 法律 ほうりつ ができる",
            "子どもへの体罰を禁止する法律ができる",
        ),
        (
            "「ＮＥＷＳ ＷＥＢ ＥＡＳＹ」は 外国人 がいこくじん の 皆 みな さんや、 小学生 しょうがくせい ・ 中学生 ちゅうがくせい",
            "「ＮＥＷＳ ＷＥＢ ＥＡＳＹ」は外国人の皆さんや、小学生・中学生",
        ),
        ("東京は晴れです。", "東京は晴れです。"),  # no readings: unchanged
        (
            "Tokyo 東京 とうきょう is the capital",
            "Tokyo 東京 とうきょう is the capital",
        ),  # one reading is not ruby
    ],
)
def test_japanese_ruby_readings_are_taken_out(copied, read):
    assert repair_line(copied) == read


@pytest.mark.parametrize(
    ("copied", "read"),
    [
        (  # inline: the rendered symbols, then the TeX of the image's alt text
            r"Given a set of N {\displaystyle N} high-dimensional objects x 1, …, x N {\displaystyle \mathbf {x} _{1},\dots ,\mathbf {x} _{N}}, t-SNE computes",
            "Given a set of high-dimensional objects, t-SNE computes",
        ),
        (  # Greek letters rendered as letters, named in TeX
            r"The bandwidth of the kernels σ i {\displaystyle \sigma _{i}} is set by bisection.",
            "The bandwidth of the kernels is set by bisection.",
        ),
        (  # a displayed formula on its own line: nothing is left
            r"p i j = p j ∣ i + p i ∣ j 2 N {\displaystyle p_{ij}={\frac {p_{j\mid i}+p_{i\mid j}}{2N}}}",
            "",
        ),
        (
            r"the mean {\textstyle \mu } of the sample",
            "the mean of the sample",
        ),  # alt only: no rendering copied
        (  # a rendering that does not spell the formula stays; the alt goes
            r"the value ten {\displaystyle 10} is used",
            "the value ten is used",
        ),
        (
            "A sentence with {braces} and a \\command stays as it is.",
            "A sentence with {braces} and a \\command stays as it is.",
        ),
    ],
)
def test_copied_formulas_are_taken_out(copied, read):
    assert repair_line(copied) == read
