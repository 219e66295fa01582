"""Sample-level DSP against references: loudness vs pyloudnorm, the peak limiter, normalize, trimming."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm as pyln
import pytest

from narrate.audio.dsp import (
    MAX_GAIN_DB,
    limit_peaks,
    loudness_lufs,
    normalize,
    to_float,
    to_int16,
    trim_silence,
)

RATES = [22050, 48000]
LENGTHS_S = [0.3, 3.0, 30.0]


def speech_like(seconds: float, rate: int, seed: int = 0) -> np.ndarray:
    """A gliding harmonic voice, syllable-modulated at ~4 Hz, with pauses (so the gates matter)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    f0 = 120 + 25 * np.sin(2 * np.pi * 0.5 * t + rng.uniform(0, 6))
    phase = 2 * np.pi * np.cumsum(f0) / rate
    voice = sum(np.sin(k * phase) / k for k in range(1, 25))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 0.5
    pauses = np.sin(2 * np.pi * 0.4 * t) > -0.3
    hiss = 0.02 * rng.standard_normal(t.size)
    return 0.15 * (voice * syllables + hiss) * pauses


def white_noise(seconds: float, rate: int, seed: int = 1) -> np.ndarray:
    return 0.1 * np.random.default_rng(seed).standard_normal(int(seconds * rate))


def pink_noise(seconds: float, rate: int, seed: int = 2) -> np.ndarray:
    n = int(seconds * rate)
    spectrum = np.fft.rfft(np.random.default_rng(seed).standard_normal(n))
    f = np.arange(spectrum.size, dtype=np.float64)
    f[0] = 1
    x = np.fft.irfft(spectrum / np.sqrt(f), n)
    return 0.1 * x / np.abs(x).max()


def brown_noise(seconds: float, rate: int, seed: int = 3) -> np.ndarray:
    x = np.cumsum(np.random.default_rng(seed).standard_normal(int(seconds * rate)))
    x -= x.mean()
    return 0.3 * x / np.abs(x).max()


SIGNALS = {"speech": speech_like, "white": white_noise, "pink": pink_noise}


def reference_lufs(x: np.ndarray, rate: int) -> float:
    """pyloudnorm's BS.1770 meter; under 400 ms there is no gating block, so the K-weighted mean square."""
    meter = pyln.Meter(rate)
    if x.size > meter.block_size * rate:
        return float(meter.integrated_loudness(x))
    weighted = x
    for stage in meter._filters.values():
        weighted = stage.apply_filter(weighted)
    return -0.691 + 10 * math.log10(float(np.mean(weighted**2)))


@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("seconds", LENGTHS_S)
@pytest.mark.parametrize("kind", sorted(SIGNALS))
def test_loudness_matches_pyloudnorm(kind, seconds, rate):
    x = SIGNALS[kind](seconds, rate)
    ours = loudness_lufs(x.astype(np.float32), rate)
    ref = reference_lufs(x, rate)
    assert abs(ours - ref) <= 0.5, (ours, ref)


@pytest.mark.parametrize("rate", RATES)
def test_loudness_matches_pyloudnorm_on_brown_noise(rate):
    x = brown_noise(30.0, rate)
    assert abs(loudness_lufs(x.astype(np.float32), rate) - reference_lufs(x, rate)) <= 0.5


def test_loudness_follows_gain_and_gates_silence():
    rate = 22050
    x = speech_like(5.0, rate).astype(np.float32)
    base = loudness_lufs(x, rate)
    assert loudness_lufs(x * np.float32(0.5), rate) == pytest.approx(base - 6.02, abs=0.05)
    # Silence added around speech is gated out (absolute gate at -70 LUFS).
    padded = np.concatenate([np.zeros(rate * 5, np.float32), x, np.zeros(rate * 5, np.float32)])
    assert loudness_lufs(padded, rate) == pytest.approx(base, abs=0.3)
    assert loudness_lufs(np.zeros(rate, np.float32), rate) == float("-inf")


# --- limit_peaks ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("ceiling", [0.5, 10 ** (-1.5 / 20)])
def test_limiter_never_exceeds_ceiling(seed, ceiling):
    rate = 22050
    rng = np.random.default_rng(seed)
    x = speech_like(2.0, rate, seed) * 6  # peaks far above the ceiling
    x[rng.integers(0, x.size, 20)] = rng.choice([-1.0, 1.0], 20) * 3  # isolated clicks
    out = limit_peaks(x.astype(np.float32), ceiling, rate)
    assert out.shape == x.shape
    assert np.abs(out).max() <= ceiling + 1e-6
    # Gain reduction only: never louder than the input, never inverted, never muted.
    assert np.all(np.abs(out) <= np.abs(x) + 1e-6)
    assert np.all(out * x >= 0)
    assert np.abs(out).max() > 0.9 * ceiling


def test_limiter_leaves_quiet_audio_unchanged():
    rate = 22050
    x = speech_like(2.0, rate).astype(np.float32)
    x *= np.float32(0.4 / np.abs(x).max())
    out = limit_peaks(x, 0.8, rate)
    assert np.array_equal(out, x)


def test_limiter_only_touches_the_neighbourhood_of_a_peak():
    rate = 22050
    x = (0.2 * np.sin(2 * np.pi * 200 * np.arange(rate * 2) / rate)).astype(np.float32)
    x[rate] = 0.95
    out = limit_peaks(x, 0.5, rate)
    assert np.abs(out).max() <= 0.5 + 1e-6
    far = np.r_[0 : rate - rate // 10, rate + rate // 10 : x.size]  # 100 ms either side
    assert np.array_equal(out[far], x[far])


def _true_peak(x: np.ndarray) -> float:
    from scipy.signal import resample_poly

    return float(np.abs(resample_poly(x.astype(np.float64), 4, 1)).max())


@pytest.mark.parametrize("hz", [4000.0, 5512.5, 7000.0])
@pytest.mark.parametrize("phase", [0.3, math.pi / 4])
def test_true_peak_limiting_catches_peaks_between_samples(hz, phase):
    """Tones near a quarter of the sample rate (sibilants) peak between samples, up to 3 dB above them."""
    rate = 22050
    t = np.arange(rate) / rate
    x = (0.3 * speech_like(1.0, rate) + 0.6 * np.sin(2 * np.pi * hz * t + phase)).astype(np.float32)
    ceiling = 10 ** (-1.5 / 20)
    x *= np.float32(1.3 * ceiling / np.abs(x).max())
    assert _true_peak(limit_peaks(x, ceiling, rate)) > ceiling * 1.01  # sample peaks alone miss them
    limited = limit_peaks(x, ceiling, rate, oversample=4)
    assert _true_peak(limited) <= ceiling * 1.02  # within 0.2 dB, measured as BS.1770 does
    out = normalize(x, -16.0, ceiling, rate, oversample=4)
    assert _true_peak(out) <= ceiling * 1.02


# --- normalize --------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [-16.0, -20.0])
@pytest.mark.parametrize("scale", [0.1, 0.3, 0.9])
@pytest.mark.parametrize("kind", ["speech", "white"])
def test_normalize_hits_target_within_1_lu(kind, scale, target):
    rate = 22050
    x = SIGNALS[kind](4.0, rate)
    x = (scale * x / np.abs(x).max()).astype(np.float32)
    ceiling = 10 ** (-1.5 / 20)
    out = normalize(x, target, ceiling, rate)
    assert np.abs(out).max() <= ceiling + 1e-6
    assert abs(reference_lufs(out.astype(np.float64), rate) - target) <= 1.0


def test_normalize_gain_is_capped():
    """Near-silent input gets at most MAX_GAIN_DB, rather than noise pumped up to speech level."""
    rate = 22050
    x = (0.01 * speech_like(4.0, rate)).astype(np.float32)
    assert loudness_lufs(x, rate) < -16.0 - MAX_GAIN_DB - 3
    out = normalize(x, -16.0, 0.8, rate)
    gain_db = 20 * math.log10(float(np.abs(out).max() / np.abs(x).max()))
    assert gain_db == pytest.approx(MAX_GAIN_DB, abs=0.1)


def test_normalize_leaves_silence_alone():
    silence = np.zeros(22050, np.float32)
    assert np.array_equal(normalize(silence, -16.0, 0.8, 22050), silence)


# --- trim_silence -----------------------------------------------------------------------------


def test_trim_silence_removes_edges_only():
    rate = 22050
    body = np.frombuffer(to_int16(speech_like(1.0, rate, 4) * 2), "<i2")
    gap = np.zeros(rate // 2, "<i2")  # a pause inside the speech must survive
    lead, tail = np.zeros(rate // 3, "<i2"), np.zeros(rate // 4, "<i2")
    hum = np.random.default_rng(0).integers(-100, 100, rate // 5).astype("<i2")  # below the level
    full = np.concatenate([lead, hum, body, gap, body, hum, tail])
    trimmed = np.frombuffer(trim_silence(full.tobytes(), rate), "<i2")
    loud = np.flatnonzero(np.abs(full.astype(np.int32)) > 300)
    edge = rate * 15 // 1000
    # A contiguous slice of the input holding every loud sample and the inner pause ...
    start = loud[0] - edge
    assert trimmed.size == loud[-1] + edge + 1 - start
    assert np.array_equal(trimmed, full[start : start + trimmed.size])
    # ... so the lead-in and the tail are gone, down to the 15 ms guard on each side.
    assert trimmed.size < full.size - lead.size - tail.size - 2 * hum.size + 2 * edge + 2


def test_trim_silence_keeps_all_silent_or_untrimmable_audio():
    rate = 22050
    silent = bytes(2 * rate)
    assert trim_silence(silent, rate) == silent
    loud = to_int16(np.full(100, 0.5, np.float32))
    assert trim_silence(loud, rate) == loud


def test_int16_round_trip_and_clipping():
    x = np.array([-1.5, -1.0, -0.5, 0.0, 0.5, 0.999, 1.5], np.float32)
    y = to_float(to_int16(x))
    assert y.min() >= -1.0 and y.max() < 1.0
    assert np.allclose(y[2:5], x[2:5], atol=1 / 32768)
