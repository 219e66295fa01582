"""The engines narrate knows by name, and one started instance of each per process.

Adding an engine takes one entry in ``_IDENTITIES`` (read without starting it) and one in
``_FACTORIES``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from narrate.engines import FAKE_SAMPLE_RATE_HZ, FAKE_VERSION, PIPER_SAMPLE_RATE_HZ, Engine
from narrate.errors import EngineError

if TYPE_CHECKING:
    from narrate.voices import VoiceProfile


def _espeak_identity() -> tuple[str, int]:
    from narrate.engines.espeak import SAMPLE_RATE_HZ, engine_version

    return engine_version(), SAMPLE_RATE_HZ


def _espeak() -> Engine:
    from narrate.engines.espeak import EspeakEngine

    return EspeakEngine()


def _fake() -> Engine:
    from narrate.engines.fake import FakeEngine

    return FakeEngine()


def _piper_identity() -> tuple[str, int]:
    from narrate.engines.piper import engine_version

    return engine_version(), PIPER_SAMPLE_RATE_HZ


def _piper() -> Engine:
    from narrate.engines.piper import PiperEngine

    return PiperEngine()


_IDENTITIES: dict[str, Callable[[], tuple[str, int]]] = {
    "espeak": _espeak_identity,
    "fake": lambda: (FAKE_VERSION, FAKE_SAMPLE_RATE_HZ),
    "piper": _piper_identity,
}
_FACTORIES: dict[str, Callable[[], Engine]] = {"espeak": _espeak, "fake": _fake, "piper": _piper}
# Engines that run one model on every core: one render process in all (a second would double
# the memory, hundreds of megabytes for Piper, and gain nothing).
_ONE_PROCESS = frozenset({"piper"})
ENGINE_NAMES = tuple(_FACTORIES)
_started: dict[str, Engine] = {}


def _unknown(name: str) -> EngineError:
    return EngineError(f"unknown engine {name!r}: use {' or '.join(repr(n) for n in ENGINE_NAMES)}")


def engine_identity(name: str) -> tuple[str, str, int]:
    """(name, version, sample rate) of an engine without starting it.

    Cache keys need this in the parent process, which must not start eSpeak before it forks its
    workers: a forked copy of a running eSpeak deadlocks.
    """
    if name not in _IDENTITIES:
        raise _unknown(name)
    version, sample_rate_hz = _IDENTITIES[name]()
    return name, version, sample_rate_hz


def fork_unsafe() -> bool:
    """Has this process started an engine that a forked child would inherit half-alive?

    eSpeak NG runs threads of its own; a fork copies none of them, and a child that touches the
    inherited engine waits for them forever. Checked without importing the engine.
    """
    espeak = sys.modules.get("narrate.engines.espeak")
    return espeak is not None and getattr(espeak, "started_in_pid", None) == os.getpid()


def model_identity(profile: VoiceProfile) -> str:
    """What identifies a profile's voice model beyond the engine's version ("" where the version does).

    Piper's models are files of their own, so a Piper voice is known by its model's SHA-256.
    """
    if profile.engine == "piper":
        from narrate.engines.piper import voice_digest

        return voice_digest(profile.voice_id)
    return ""


def worker_count(engines: Iterable[str], cores: int) -> int:
    """Render processes for ``engines`` on ``cores`` cores: one per core, or one in all when an
    engine runs its model on every core itself."""
    return 1 if _ONE_PROCESS & set(engines) else cores


def get_engine(name: str) -> Engine:
    """A new instance of the engine registered under ``name``."""
    if name not in _FACTORIES:
        raise _unknown(name)
    return _FACTORIES[name]()


def engine_for(name: str) -> Engine:
    """This process's instance of engine ``name``, started on first use."""
    if name not in _started:
        _started[name] = get_engine(name)
    return _started[name]
