"""The package's shape: no import cycle, and data flows one way through the stages.

The graph is read from the source with ast (every import, including those inside functions), so
a cycle or a backward import fails here before it can bite at run time.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "narrate"

# The stages in data-flow order (README, "Architecture"): a module may import its own stage and
# earlier ones, never a later one. The text toolkit comes first: every stage may use it. The
# front door (api, cli) composes them all.
# The package itself only holds __version__ and loads its public names lazily (no import).
STAGES = [
    ("narrate.text",),
    ("narrate.errors", "narrate.paths", "narrate.model", "narrate.voices", "narrate.data", "narrate"),
    ("narrate.clean",),
    ("narrate.speakable",),
    ("narrate.quotes",),
    ("narrate.script",),
    ("narrate.audio",),
    ("narrate.engines",),
    ("narrate.options", "narrate.rendering"),
    ("narrate.assemble",),
    ("narrate.output",),
    ("narrate.publish",),
    ("narrate.api", "narrate.batch", "narrate.cli", "narrate.cli_render", "narrate.__main__"),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, modules: dict[str, Path]) -> set[tuple[str, str]]:
    """(module, name) for each narrate module this file imports (name: what it takes, or '')."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {(alias.name, "") for alias in node.names if alias.name.startswith("narrate")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("narrate"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add((submodule, "") if submodule in modules else (node.module, alias.name))
    return {(module, name) for module, name in found if module in modules}


@functools.cache
def _graph() -> dict[str, set[tuple[str, str]]]:
    modules = _modules()
    return {name: _imports(path, modules) for name, path in modules.items()}


def _stage(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            inside = module == prefix or (prefix != "narrate" and module.startswith(prefix + "."))
            if inside and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    assert best is not None, f"{module} belongs to no stage: add it to STAGES"
    return best[0]


def _top(module: str) -> str:
    return ".".join(module.split(".")[:2])


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_sees_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle():
    graph = {module: {target for target, _ in imports} for module, imports in _graph().items()}
    assert find_cycle(graph) is None


def test_every_module_belongs_to_a_stage():
    for module in _modules():
        _stage(module)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_stage_imports_a_later_stage(module):
    later = sorted(target for target, _ in _graph()[module] if _stage(target) > _stage(module))
    assert later == [], f"{module} imports a later stage"


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_module_takes_another_stages_private_names(module):
    private = sorted(
        f"{target}.{name}"
        for target, name in _graph()[module]
        if name.startswith("_") and not name.startswith("__") and _top(target) != _top(module)
    )
    assert private == [], f"{module} uses private names of another stage"
