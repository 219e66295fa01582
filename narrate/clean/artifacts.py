"""What copying a web page as text adds to its lines, taken out before the lines are read.

- Japanese ruby (furigana): each reading follows its kanji ("法律 ほうりつ ができる").
- Mathematics in MediaWiki and MathJax pages: each formula is copied twice, as its rendered
  symbols and then as the TeX source of its image's alt text ("of N {\\displaystyle N} objects",
  "σ i {\\displaystyle \\sigma _{i}}"). Neither reads aloud: both are dropped, as extraction from
  the page's HTML drops the formula.
"""

from __future__ import annotations

import re

# Ruby: the spaces between Japanese characters were never part of the text either.
_RUBY = re.compile(r"([\u3400-\u9fff々〆]+) ([\u3041-\u3096ー]+)(?: |$)")
_JAPANESE = "\u3000-\u30ff\u3400-\u9fff\uff01-\uff0f\uff1a-\uff1f"  # kana, kanji, their punctuation
_JAPANESE_GAP = re.compile(f"(?<=[{_JAPANESE}]) (?=[{_JAPANESE}])")
RUBY_MIN_READINGS = 2

_TEX_ALT = re.compile(r"\{\\(?:displaystyle|textstyle)\b")
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_GREEK = {
    name: chr(code)
    for name, code in (
        ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5),
        ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8), ("iota", 0x3B9),
        ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE),
        ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4), ("upsilon", 0x3C5),
        ("phi", 0x3C6), ("varphi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9),
        ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E),
        ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9),
    )
}  # fmt: skip
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +(?=[,.;:)])")


def repair_line(line: str) -> str:
    """The line as the page showed it in words: ruby readings and copied formulas taken out."""
    return _drop_math(_drop_ruby(line))


def _drop_ruby(line: str) -> str:
    if len(_RUBY.findall(line)) < RUBY_MIN_READINGS:
        return line
    return _JAPANESE_GAP.sub("", _RUBY.sub(r"\1", line))


def _drop_math(line: str) -> str:
    if not _TEX_ALT.search(line):
        return line
    out: list[str] = []
    at = 0
    for start, end in _tex_alts(line):
        render_start = _rendered_start(line, at, start, _letters(_tex_symbols(line[start:end])))
        out.append(line[at:render_start])
        at = end
    out.append(line[at:])
    text = " ".join("".join(out).split())
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)


def _tex_alts(line: str) -> list[tuple[int, int]]:
    """(start, end) of each ``{\\displaystyle …}`` group, braces balanced."""
    spans: list[tuple[int, int]] = []
    for m in _TEX_ALT.finditer(line):
        if spans and m.start() < spans[-1][1]:
            continue
        depth, i = 0, m.start()
        for i in range(m.start(), len(line)):
            depth += {"{": 1, "}": -1}.get(line[i], 0)
            if depth == 0:
                break
        spans.append((m.start(), i + 1))
    return spans


def _tex_symbols(tex: str) -> str:
    """What a formula's rendering shows in letters and digits: Greek by name, commands dropped."""
    body = tex[tex.index(" ") + 1 :] if " " in tex else tex
    return _TEX_COMMAND.sub(lambda m: _GREEK.get(m.group(1), " "), body)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _rendered_start(line: str, floor: int, alt_start: int, symbols: str) -> int:
    """Where the rendered formula before a TeX alt begins: walking back from the alt, the
    letters and digits must spell the formula's own, in order. Where they do not, only the alt
    goes (the rendering is left as it is)."""
    want = len(symbols)
    i = alt_start
    while want and i > floor:
        i -= 1
        c = line[i]
        if not c.isalnum():
            continue
        if c != symbols[want - 1]:
            return alt_start
        want -= 1
    return i if not want else alt_start
