"""Voice profiles (voices/*.toml) and which profile speaks which speaker.

Profiles ship with narrate (the repository's voices/ folder, installed as ``narrate._voices``);
``--voices DIR`` points at a user's own folder. A ``speakers.toml`` in that folder pins speakers
to profiles: ``[speakers]`` then ``"Hong Min" = "quote-m2"``.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from narrate.errors import VoiceError
from narrate.paths import path_problem

Role = Literal["narrator", "quote"]
PINS_FILE = "speakers.toml"


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    role: Role
    engine: str
    voice_id: str
    rate_wpm: int = 175
    pitch: int = 50
    volume: float = 1.0
    gender: Literal["f", "m"] | None = None
    description: str = ""
    # The engine's own settings (the profile's ``[ENGINE]`` table), e.g. Piper's noise scales.
    settings: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class VoiceSet:
    narrator: VoiceProfile
    quote_pool: tuple[VoiceProfile, ...]
    pins: dict[str, str] = field(default_factory=dict)

    @property
    def profiles(self) -> tuple[VoiceProfile, ...]:
        return (self.narrator, *self.quote_pool)

    def by_name(self, name: str) -> VoiceProfile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise VoiceError(f"no voice profile named {name!r}")

    def with_engine(self, engine: str) -> VoiceSet:
        """The same casting on another engine (``--engine fake`` in tests)."""
        return replace(
            self,
            narrator=replace(self.narrator, engine=engine),
            quote_pool=tuple(replace(p, engine=engine) for p in self.quote_pool),
        )

    def with_rate(self, narrator_wpm: int) -> VoiceSet:
        """Scale every profile so the narrator speaks at ``narrator_wpm``; quotes keep their contrast."""
        if not 80 <= narrator_wpm <= 450:
            raise VoiceError(f"speaking rate {narrator_wpm} wpm is outside 80-450")
        factor = narrator_wpm / self.narrator.rate_wpm
        return replace(
            self,
            narrator=replace(self.narrator, rate_wpm=narrator_wpm),
            quote_pool=tuple(replace(p, rate_wpm=round(p.rate_wpm * factor)) for p in self.quote_pool),
        )


def _profile(name: str, data: dict[str, object], origin: str) -> VoiceProfile:
    try:
        profile = VoiceProfile(
            name=name,
            role=str(data.get("role", "quote")),  # type: ignore[arg-type]
            engine=str(data.get("engine", "espeak")),
            voice_id=str(data["voice"]),
            rate_wpm=int(data.get("rate_wpm", 175)),  # type: ignore[call-overload]
            pitch=int(data.get("pitch", 50)),  # type: ignore[call-overload]
            volume=float(data.get("volume", 1.0)),  # type: ignore[arg-type]
            gender=data.get("gender"),  # type: ignore[arg-type]
            description=str(data.get("description", "")),
        )
        table = data.get(profile.engine, {})
        settings = tuple(sorted((str(k), float(v)) for k, v in dict(table).items()))  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError) as exc:
        raise VoiceError(
            f"{origin}: a profile needs voice, and numeric rate_wpm/pitch/volume and engine settings ({exc})"
        ) from exc
    profile = replace(profile, settings=settings)
    if profile.role not in ("narrator", "quote") or profile.gender not in (None, "f", "m"):
        raise VoiceError(f"{origin}: role must be narrator or quote, gender f or m")
    return profile


def _read_toml(text: str, origin: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VoiceError(f"{origin}: not valid TOML ({exc})") from exc


def _sources(directory: Path | None, engine: str = "") -> Iterable[tuple[str, str, str]]:
    """(file name, text, origin) of every TOML file in the folder or the shipped profiles.

    With ``engine``, those of its sub-folder (none when there is no such sub-folder).
    """
    if directory is not None:
        folder = directory / engine
        if not folder.is_dir():
            if engine:
                return
            why = path_problem(directory, want_folder=True)
            if why is None or why == "no such file or folder":
                raise VoiceError(f"{directory}: voices folder not found")
            raise VoiceError(f"{directory}: cannot read the voices folder ({why})")
        for path in sorted(folder.glob("*.toml")):
            yield path.name, path.read_text(encoding="utf-8"), str(path)
        return
    try:
        shipped: Traversable = resources.files("narrate._voices")
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        shipped = Path(__file__).resolve().parent.parent / "voices"
    if engine:
        shipped = shipped.joinpath(engine)
        if not shipped.is_dir():
            return
    where = f"narrate voices/{engine}/" if engine else "narrate voices/"
    for entry in sorted(shipped.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            yield entry.name, entry.read_text(encoding="utf-8"), where + entry.name


def _read_folder(
    directory: Path | None, engine: str = ""
) -> tuple[list[VoiceProfile], list[VoiceProfile], dict[str, str]]:
    """The narrators, quote profiles and speaker pins of a folder (or of its ``engine`` sub-folder)."""
    narrators: list[VoiceProfile] = []
    pool: list[VoiceProfile] = []
    pins: dict[str, str] = {}
    for file_name, text, origin in _sources(directory, engine):
        data = _read_toml(text, origin)
        if file_name == PINS_FILE:
            pins = {str(k): str(v) for k, v in dict(data.get("speakers", {})).items()}  # type: ignore[call-overload]
            continue
        profile = _profile(file_name.removesuffix(".toml"), data, origin)
        (narrators if profile.role == "narrator" else pool).append(profile)
    return narrators, pool, pins


def engine_folder_profiles(directory: Path | None, engine: str) -> list[VoiceProfile]:
    """The profiles of the folder's ``engine/`` sub-folder (none when it has none)."""
    narrators, pool, _ = _read_folder(directory, engine)
    return narrators + pool


def load_voices(
    directory: Path | None = None, *, engine: str | None = None, rate_wpm: int | None = None
) -> VoiceSet:
    """The narrator, the quote pool and the speaker pins from ``directory`` (default: shipped).

    With ``engine``, the profiles of the folder's ``engine/`` sub-folder take the place of the
    narrator and of the quote profiles of the same name (others join the pool): voices/piper/
    holds the neural narrator, and eSpeak NG quote voices pitched apart from it. An engine
    without a sub-folder speaks every profile (``fake`` in tests). ``rate_wpm`` sets the
    narrator's speaking rate (quote voices keep theirs relative to it).
    """
    narrators, pool, pins = _read_folder(directory)
    if len(narrators) != 1 or not pool:
        where = directory or "the shipped voices"
        raise VoiceError(f"{where}: need exactly one narrator profile and at least one quote profile")
    voices = VoiceSet(narrator=narrators[0], quote_pool=tuple(pool), pins=pins)
    if engine:
        voices = _for_engine(voices, directory, engine)
    for speaker, name in pins.items():
        if voices.by_name(name).role != "quote":
            raise VoiceError(f"{PINS_FILE}: {speaker!r} is pinned to {name!r}, which is not a quote voice")
    if rate_wpm:
        voices = voices.with_rate(rate_wpm)
    return voices


def _for_engine(voices: VoiceSet, directory: Path | None, engine: str) -> VoiceSet:
    own_narrators, own_pool, _ = _read_folder(directory, engine)
    if len(own_narrators) > 1:
        raise VoiceError(f"{directory or 'the shipped voices'}/{engine}: more than one narrator profile")
    if not own_narrators and not own_pool:
        return voices.with_engine(engine)
    own = {p.name: p for p in own_pool}
    kept = tuple(own.pop(p.name, p) for p in voices.quote_pool)
    return replace(
        voices,
        narrator=own_narrators[0] if own_narrators else voices.narrator,
        quote_pool=kept + tuple(own.values()),
    )


def _preference(speaker: str, pool: tuple[VoiceProfile, ...]) -> list[VoiceProfile]:
    """The pool in an order fixed by the speaker's name, so a speaker keeps a voice across episodes."""
    digest = int.from_bytes(hashlib.sha256(speaker.casefold().encode()).digest()[:8], "big")
    start = digest % len(pool)
    return list(pool[start:] + pool[:start])


def cast_speakers(voices: VoiceSet, speakers: Iterable[tuple[str, str | None]]) -> dict[str, VoiceProfile]:
    """A quote voice for each (speaker, gender) in order of appearance.

    Each speaker is cast once, with the gender any of their appearances shows, so one person
    never speaks in two voices. Pinned speakers get their pin; others their first free
    preference among the profiles of their gender (the whole pool when the gender is unknown),
    so two people in one episode never share a voice while the pool lasts. A speaker of known
    gender is never given a voice of the other gender: when that gender's voices run out, they
    share one.
    """
    cast: dict[str, VoiceProfile] = {}
    genders: dict[str, str | None] = {}
    for name, gender in speakers:
        if genders.get(name) is None:
            genders[name] = gender
    # Pinned profiles are reserved up front, so nobody quoted earlier takes a pinned voice.
    taken = {voices.pins[name] for name in genders if name in voices.pins}
    for speaker, gender in genders.items():
        if speaker in voices.pins:
            cast[speaker] = voices.by_name(voices.pins[speaker])
            continue
        matching = tuple(p for p in voices.quote_pool if gender is None or p.gender in (gender, None))
        order = _preference(speaker, matching or voices.quote_pool)
        spare = [] if matching and gender is not None else _preference(speaker, voices.quote_pool)
        free = [p for p in order + spare if p.name not in taken]
        # More speakers than voices: distinctness is lost last, and then the stable preference wins.
        choice = free[0] if free else order[0]
        cast[speaker] = choice
        taken.add(choice.name)
    return cast
