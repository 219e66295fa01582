"""`narrate voices`: each profile and whether its engine voice exists on this machine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from narrate.engines import EngineVoice
from narrate.errors import EngineError
from narrate.voices import VoiceProfile, VoiceSet

# Engines whose voices are files named in the profile, not eSpeak's base+variant ids.
_NAMED_VOICES = frozenset({"piper"})


def is_available(profile: VoiceProfile, offered: list[EngineVoice], variants: set[str]) -> bool:
    """eSpeak ids are ``base`` or ``base+variant``; both parts must exist. Piper's are voice names."""
    if profile.engine in _NAMED_VOICES:
        return profile.voice_id in {v.id for v in offered}
    base, _, variant = profile.voice_id.partition("+")
    known = {v.id for v in offered} | {v.id.rsplit("/", 1)[-1] for v in offered}
    return base in known and (not variant or variant in variants or not variants)


def profile_report(
    voices: VoiceSet, others: Mapping[str, Sequence[VoiceProfile]] | None = None
) -> Iterator[str]:
    """A line per profile, then those ``--engine NAME`` brings in (``others``, from voices/NAME/),
    then a line per engine with the voices it offers here, or why it offers none."""
    from narrate.synth import engine_for

    by_engine: dict[str, tuple[list[EngineVoice], set[str], str]] = {}
    groups = [("", list(voices.profiles))]
    groups += [(f"with --engine {name} (voices/{name}/):", list(p)) for name, p in (others or {}).items()]
    for header, profiles in groups:
        if header:
            yield header
        for profile in profiles:
            if profile.engine not in by_engine:
                try:
                    engine = engine_for(profile.engine)
                    variants = set(getattr(engine, "variants", lambda: [])())
                    by_engine[profile.engine] = (engine.voices(), variants, "")
                except EngineError as exc:
                    by_engine[profile.engine] = ([], set(), str(exc))
            offered, variants, _ = by_engine[profile.engine]
            state = "available" if is_available(profile, offered, variants) else "MISSING"
            gender = f", {profile.gender}" if profile.gender else ""
            yield (
                f"{profile.name:<10} {profile.role:<8} {profile.engine}:{profile.voice_id:<24} "
                f"{profile.rate_wpm} wpm, pitch {profile.pitch}{gender}  [{state}]  {profile.description}"
            )
    for name, (offered, _, problem) in by_engine.items():
        if problem:
            yield f"{name}: no voices here ({problem})"
        elif name in _NAMED_VOICES:
            yield f"{name}: {len(offered)} engine voices on this machine: {', '.join(v.id for v in offered)}"
        else:
            yield f"{name}: {len(offered)} engine voices on this machine"
