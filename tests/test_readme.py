"""The README's Python example runs as printed (it renders the seed with the fake engine, then eSpeak)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO


def _library_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, "the Library section shows one runnable example"
    return blocks[0]


@pytest.mark.espeak
def test_readme_library_example_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    monkeypatch.chdir(tmp_path)  # the example writes output/ where it runs
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # and the default cache
    exec(compile(_library_example(), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert "'Narrator'" in printed[1] and "Following U.S." in printed[1]
    audio = tmp_path / "output" / printed[2].split()[0]
    assert audio.stat().st_size > 100_000 and float(printed[2].split()[1]) > 60
