"""`narrate voices`: each profile and whether its engine voice exists on this machine."""

from __future__ import annotations

from dataclasses import dataclass

from narrate.engines import EngineVoice
from narrate.engines.registry import engine_for
from narrate.errors import EngineError
from narrate.voices import VoiceProfile, VoiceSet


@dataclass(frozen=True)
class ProfileStatus:
    profile: VoiceProfile
    available: bool  # its engine voice (and variant) exists on this machine


@dataclass(frozen=True)
class VoiceReport:
    profiles: tuple[ProfileStatus, ...]
    engine_voices: dict[str, int]  # engine name -> how many voices it offers here (0: not working)


def is_available(profile: VoiceProfile, offered: list[EngineVoice], variants: set[str]) -> bool:
    """eSpeak ids are ``base`` or ``base+variant``; both parts must exist."""
    base, _, variant = profile.voice_id.partition("+")
    known = {v.id for v in offered} | {v.id.rsplit("/", 1)[-1] for v in offered}
    return base in known and (not variant or variant in variants or not variants)


def voice_report(voices: VoiceSet) -> VoiceReport:
    """Each profile of ``voices`` checked against the voices its engine offers here."""
    by_engine: dict[str, tuple[list[EngineVoice], set[str]]] = {}
    statuses = []
    for profile in voices.profiles:
        if profile.engine not in by_engine:
            try:
                engine = engine_for(profile.engine)
                variants = set(getattr(engine, "variants", lambda: [])())
                by_engine[profile.engine] = (engine.voices(), variants)
            except EngineError:
                by_engine[profile.engine] = ([], set())
        offered, variants = by_engine[profile.engine]
        statuses.append(ProfileStatus(profile, is_available(profile, offered, variants)))
    return VoiceReport(tuple(statuses), {name: len(offered) for name, (offered, _) in by_engine.items()})
