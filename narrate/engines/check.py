"""`narrate voices`: each profile and whether its engine voice exists on this machine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from narrate.engines import EngineVoice
from narrate.engines.registry import engine_for
from narrate.errors import EngineError
from narrate.voices import VoiceProfile, VoiceSet

# Engines whose voices are files named in the profile, not eSpeak's base+variant ids.
_NAMED_VOICES = frozenset({"piper"})


@dataclass(frozen=True)
class ProfileStatus:
    profile: VoiceProfile
    available: bool  # its engine voice (and variant) exists on this machine


@dataclass(frozen=True)
class VoiceReport:
    profiles: tuple[ProfileStatus, ...]
    engine_voices: dict[str, int]  # engine name -> how many voices it offers here (0: not working)
    # Profiles only ``--engine NAME`` brings in (those of voices/NAME/), by engine name.
    engine_profiles: dict[str, tuple[ProfileStatus, ...]] = field(default_factory=dict)
    # The voices of engines whose voices are named files (Piper's), by engine name.
    voice_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Why an engine offers no voices here (e.g. the extra to install), by engine name.
    problems: dict[str, str] = field(default_factory=dict)


def is_available(profile: VoiceProfile, offered: list[EngineVoice], variants: set[str]) -> bool:
    """eSpeak ids are ``base`` or ``base+variant``; both parts must exist. Piper's are voice names."""
    if profile.engine in _NAMED_VOICES:
        return profile.voice_id in {v.id for v in offered}
    base, _, variant = profile.voice_id.partition("+")
    known = {v.id for v in offered} | {v.id.rsplit("/", 1)[-1] for v in offered}
    return base in known and (not variant or variant in variants or not variants)


def voice_report(voices: VoiceSet, others: Mapping[str, Sequence[VoiceProfile]] | None = None) -> VoiceReport:
    """Each profile of ``voices`` (and of ``others``, voices/NAME/ by engine) checked against the
    voices its engine offers here."""
    by_engine: dict[str, tuple[list[EngineVoice], set[str]]] = {}
    problems: dict[str, str] = {}

    def status(profile: VoiceProfile) -> ProfileStatus:
        if profile.engine not in by_engine:
            try:
                engine = engine_for(profile.engine)
                variants = set(getattr(engine, "variants", lambda: [])())
                by_engine[profile.engine] = (engine.voices(), variants)
            except EngineError as exc:
                by_engine[profile.engine] = ([], set())
                problems[profile.engine] = str(exc)
        offered, variants = by_engine[profile.engine]
        return ProfileStatus(profile, is_available(profile, offered, variants))

    statuses = tuple(status(p) for p in voices.profiles)
    extra = {name: tuple(status(p) for p in profiles) for name, profiles in (others or {}).items()}
    return VoiceReport(
        statuses,
        {name: len(offered) for name, (offered, _) in by_engine.items()},
        extra,
        {
            name: tuple(v.id for v in offered)
            for name, (offered, _) in by_engine.items()
            if name in _NAMED_VOICES
        },
        problems,
    )
