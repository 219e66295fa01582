"""Raw audio as the engines produce it and the assembler consumes it."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_WIDTH_BYTES = 2  # signed 16-bit little-endian, mono


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit little-endian samples at ``sample_rate_hz``."""

    samples: bytes
    sample_rate_hz: int

    @property
    def frame_count(self) -> int:
        return len(self.samples) // SAMPLE_WIDTH_BYTES

    @property
    def duration_ms(self) -> int:
        return round(self.frame_count * 1000 / self.sample_rate_hz)
