"""`narrate voices`: each profile and whether its engine voice exists on this machine."""

from __future__ import annotations

from collections.abc import Iterator

from narrate.engines import EngineVoice
from narrate.errors import EngineError
from narrate.voices import VoiceProfile, VoiceSet


def is_available(profile: VoiceProfile, offered: list[EngineVoice], variants: set[str]) -> bool:
    """eSpeak ids are ``base`` or ``base+variant``; both parts must exist."""
    base, _, variant = profile.voice_id.partition("+")
    known = {v.id for v in offered} | {v.id.rsplit("/", 1)[-1] for v in offered}
    return base in known and (not variant or variant in variants or not variants)


def profile_report(voices: VoiceSet) -> Iterator[str]:
    from narrate.render.synth import engine_for

    by_engine: dict[str, tuple[list[EngineVoice], set[str]]] = {}
    for profile in voices.profiles:
        if profile.engine not in by_engine:
            try:
                engine = engine_for(profile.engine)
                variants = set(getattr(engine, "variants", lambda: [])())
                by_engine[profile.engine] = (engine.voices(), variants)
            except EngineError:
                by_engine[profile.engine] = ([], set())
        offered, variants = by_engine[profile.engine]
        state = "available" if is_available(profile, offered, variants) else "MISSING"
        gender = f", {profile.gender}" if profile.gender else ""
        yield (
            f"{profile.name:<10} {profile.role:<8} {profile.engine}:{profile.voice_id:<24} "
            f"{profile.rate_wpm} wpm, pitch {profile.pitch}{gender}  [{state}]  {profile.description}"
        )
    for name, (offered, _) in by_engine.items():
        yield f"{name}: {len(offered)} engine voices on this machine"
