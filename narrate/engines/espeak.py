"""The default engine: pyttsx3's espeak driver over the eSpeak NG that espeakng-loader ships.

Known pyttsx3 2.99 defects handled here (DESIGN.md): it prints "Audio saved to ..." on stdout,
and in a fresh process the first save_to_file of a longer text can silently write no file. Every
call's file is therefore checked, retried once, and its length compared with its word count.
eSpeak NG itself carries synthesis state from one utterance into the next; it is put back before
every utterance (espeak_state.py), so a segment's samples do not depend on what came before.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import importlib.util
import io
import logging
import os
import shutil
import tempfile
import threading
import time
import wave
import weakref
from pathlib import Path
from typing import Any

from narrate.audio.pcm import Pcm
from narrate.engines import EngineVoice, check_fits_text
from narrate.engines.espeak_state import UtteranceReset
from narrate.errors import EngineError
from narrate.voices import VoiceProfile

log = logging.getLogger(__name__)
SAMPLE_RATE_HZ = 22050  # pyttsx3's espeak driver always writes 22050 Hz mono
# The process that started eSpeak NG here: its threads do not survive a fork, and a forked copy
# that touches it waits for them forever.
started_in_pid: int | None = None


# Bumped when narrate changes how it drives eSpeak in a way that changes the samples: cached
# segments from before must not be mixed with new ones (2: every utterance from one state).
_DRIVING_REVISION = 2


@functools.cache
def engine_version() -> str:
    return (
        f"espeakng-loader {_installed_version('espeakng_loader')}, pyttsx3 {_installed_version('pyttsx3')}, "
        f"narrate driver {_DRIVING_REVISION}"
    )


def _installed_version(package: str) -> str:
    """A package's version from the dist-info folder installed beside it.

    importlib.metadata would find it too, but importing it costs more than an edited
    paragraph's synthesis; it remains the fallback for unusual installs.
    """
    spec = importlib.util.find_spec(package)
    if spec and spec.origin:
        site = Path(spec.origin).parent.parent
        found = sorted(site.glob(f"{package}-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix(f"{package}-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version(package)


def _load_espeak_library() -> Path:
    """Make libespeak-ng and its data findable before pyttsx3 loads them; the library's file."""
    try:
        import espeakng_loader
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EngineError("espeakng-loader is not installed: reinstall narrate (make run)") from exc
    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    # pyttsx3 then finds the library by its soname. Local, not global: Piper's phonemizer carries
    # its own eSpeak NG, whose calls would otherwise bind to this copy's symbols (a segfault).
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_LOCAL)
    return Path(espeakng_loader.get_library_path())


class _WakeOnFinish:
    """Stands in for the ``time`` module inside pyttsx3's espeak driver, which only sleeps.

    The driver polls eSpeak's synthesis thread every 10 ms; with a paragraph per call that idles
    a worker for a third of its time, and polling faster burns a core. Instead its naps end the
    moment eSpeak reports the utterance finished.
    """

    finished = threading.Event()

    @classmethod
    def sleep(cls, seconds: float) -> None:
        cls.finished.wait(seconds)


class EspeakEngine:
    name = "espeak"
    sample_rate_hz = SAMPLE_RATE_HZ

    def __init__(self) -> None:
        global started_in_pid
        library_file = _load_espeak_library()
        self.version = engine_version()
        started_in_pid = os.getpid()
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as driver

            driver.time = _WakeOnFinish  # type: ignore[assignment]
            self._espeak: Any = driver._espeak
            self._driver_class: Any = driver.EspeakDriver
            self._tts: Any = pyttsx3.init("espeak")
            self._tts.connect("finished-utterance", lambda **_: _WakeOnFinish.finished.set())
            # Read before the first utterance: every utterance starts from these values.
            self._reset_state = UtteranceReset.for_library(library_file, driver._espeak.dll)
        except Exception as exc:  # pyttsx3 raises bare RuntimeError/OSError for a missing library
            raise EngineError(f"eSpeak NG could not start: {exc}") from exc
        self._workdir = Path(tempfile.mkdtemp(prefix="narrate-espeak-"))
        weakref.finalize(self, shutil.rmtree, self._workdir, True)
        # pyttsx3's proxy complains on stderr if it is collected during interpreter shutdown.
        atexit.register(self.close)
        self._current: tuple[str, int, int, float] | None = None
        self._warmed_up = False
        self._calls = 0

    def voices(self) -> list[EngineVoice]:
        self._current = None  # listing voices resets eSpeak's current voice
        return [
            EngineVoice(id=v.id, name=v.name, languages=tuple(v.languages or ()))
            for v in self._tts.getProperty("voices")
        ]

    def close(self) -> None:
        self._tts = None

    def variants(self) -> list[str]:
        """Voice variants (``+f3``, ``+m7`` ...) that eSpeak NG's data folder offers."""
        folder = Path(os.environ.get("ESPEAK_DATA_PATH", "")) / "voices" / "!v"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    def _apply(self, profile: VoiceProfile) -> None:
        wanted = (profile.voice_id, profile.rate_wpm, profile.pitch, profile.volume)
        if wanted == self._current:
            return
        # The driver's own (static) setter applies a property at once; the engine's setProperty
        # queues it behind pyttsx3's busy flag, where it can land after the next utterance began.
        set_property = self._driver_class.setProperty
        try:
            set_property("voice", profile.voice_id)
        except ValueError as exc:
            raise EngineError(
                f"voice profile {profile.name!r}: eSpeak NG has no voice {profile.voice_id!r} "
                "(see `narrate voices`)"
            ) from exc
        set_property("rate", profile.rate_wpm)
        set_property("pitch", profile.pitch)
        set_property("volume", profile.volume)
        # The voice applies at once; the other properties are queued for eSpeak's thread, ahead
        # of the next utterance (which _save starts only once that queue has drained).
        self._current = wanted

    def _drain(self) -> None:
        """Wait until eSpeak's thread has done all it was given.

        Were it still winding down the previous utterance, pyttsx3 would cancel this one as if
        stopping the old (no file, a retry: ~1 call in 100 on a busy machine). eSpeak's own
        Synchronize() polls every 20 ms, which a profile change paid on every other call.
        """
        while self._espeak.IsPlaying():
            time.sleep(0.0002)

    def _save(self, text: str, path: Path) -> bytes | None:
        path.unlink(missing_ok=True)
        self._drain()
        if self._reset_state is not None:
            self._reset_state()
        _WakeOnFinish.finished.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            self._tts.save_to_file(text, str(path))
            self._tts.runAndWait()

        if not path.exists():
            return None
        try:
            with wave.open(str(path), "rb") as wav:
                return wav.readframes(wav.getnframes())
        except (wave.Error, EOFError):
            return None
        finally:
            path.unlink(missing_ok=True)

    def synthesize(self, text: str, profile: VoiceProfile) -> Pcm:
        self._apply(profile)
        self._calls += 1
        path = self._workdir / f"segment-{self._calls}.wav"
        if not self._warmed_up:
            self._save("Ready.", path)  # the first call of a process may write nothing
            self._warmed_up = True
        samples = self._save(text, path)
        if not samples:
            log.debug("eSpeak wrote no audio for %r; retrying once", text[:40])
            samples = self._save(text, path)
        if not samples:
            raise EngineError(f"eSpeak NG wrote no audio for {text[:60]!r}")
        return check_fits_text(Pcm(samples, SAMPLE_RATE_HZ), text, profile, self.name)
