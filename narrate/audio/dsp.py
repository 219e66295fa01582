"""Sample-level audio work: trimming, EBU R128 loudness, gain and peak limiting (numpy only).

Loudness follows ITU-R BS.1770-4: K-weighting, 400 ms blocks with 75 % overlap, absolute
(-70 LUFS) and relative (-10 LU) gates. The K-weighting is applied in the frequency domain with
the exact response of the two standard biquads re-derived for the sample rate, which keeps
scipy out of the render path (its import alone costs more than a cached render).
"""

from __future__ import annotations

import functools
import math

import numpy as np

_SILENCE_LEVEL = 300  # int16 magnitude below which eSpeak's lead-in and tail count as silence
_EDGE_MS = 15  # kept around speech so consonants are not clipped
MAX_GAIN_DB = 24.0
MAX_MAKEUP = 2.0  # at most +6 dB to make good what limiting took


def to_float(samples: bytes) -> np.ndarray:
    return np.frombuffer(samples, dtype="<i2").astype(np.float32) / 32768.0


def to_int16(audio: np.ndarray) -> bytes:
    return bytes((np.clip(audio, -1.0, 32767 / 32768) * 32768.0).astype("<i2").tobytes())


def trim_silence(samples: bytes, sample_rate_hz: int) -> bytes:
    """Drop the engine's own lead-in and tail silence: narrate sets every pause itself."""
    audio = np.frombuffer(samples, dtype="<i2")
    loud = np.flatnonzero(np.abs(audio.astype(np.int32)) > _SILENCE_LEVEL)
    if loud.size == 0:
        return samples
    edge = sample_rate_hz * _EDGE_MS // 1000
    start, end = max(0, int(loud[0]) - edge), min(audio.size, int(loud[-1]) + edge + 1)
    return bytes(audio[start:end].tobytes())


def _biquad_response(
    b: tuple[float, float, float], a: tuple[float, float, float], w: np.ndarray
) -> np.ndarray:
    z1 = np.exp(-1j * w)
    z2 = z1 * z1
    return (b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2)


def _k_weighting(freqs_hz: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """|H|^2 of the BS.1770 pre-filter (high shelf) and RLB high-pass at ``sample_rate_hz``."""
    w = 2 * np.pi * freqs_hz / sample_rate_hz
    # High shelf: +4 dB above ~1.7 kHz (the head's acoustic effect).
    gain_db, q, fc = 3.99984385397, 0.7071752369554193, 1681.9744509555319
    amp, w0 = 10 ** (gain_db / 40), 2 * math.pi * fc / sample_rate_hz
    alpha, cos_w0, root = math.sin(w0) / (2 * q), math.cos(w0), math.sqrt(10 ** (gain_db / 40))
    shelf = _biquad_response(
        (
            amp * ((amp + 1) + (amp - 1) * cos_w0 + 2 * root * alpha),
            -2 * amp * ((amp - 1) + (amp + 1) * cos_w0),
            amp * ((amp + 1) + (amp - 1) * cos_w0 - 2 * root * alpha),
        ),
        (
            (amp + 1) - (amp - 1) * cos_w0 + 2 * root * alpha,
            2 * ((amp - 1) - (amp + 1) * cos_w0),
            (amp + 1) - (amp - 1) * cos_w0 - 2 * root * alpha,
        ),
        w,
    )
    # High-pass at ~38 Hz (revised low-frequency B-curve).
    q, fc = 0.5003270373253953, 38.13547087613982
    w0 = 2 * math.pi * fc / sample_rate_hz
    alpha, cos_w0 = math.sin(w0) / (2 * q), math.cos(w0)
    highpass = _biquad_response(
        ((1 + cos_w0) / 2, -(1 + cos_w0), (1 + cos_w0) / 2), (1 + alpha, -2 * cos_w0, 1 - alpha), w
    )
    return np.abs(shelf * highpass) ** 2


@functools.cache
def _bin_weights(frame: int, sample_rate_hz: int) -> np.ndarray:
    """Per-rfft-bin weights turning a frame's spectrum into its K-weighted mean square."""
    weights = _k_weighting(np.fft.rfftfreq(frame, 1 / sample_rate_hz), sample_rate_hz) / frame**2
    weights[1 : (frame + 1) // 2] *= 2  # the negative frequencies rfft leaves out
    return weights


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sum-product over the last axis of ``a`` with vector ``b``, in numpy's own loops."""
    return np.einsum("...i,i->...", a, b)


def loudness_lufs(audio: np.ndarray, sample_rate_hz: int) -> float:
    """Gated integrated loudness of mono float audio; -inf for silence.

    K-weighted power is taken per 100 ms step (Parseval over each step's spectrum); a 400 ms
    gating block is the mean of four steps, which is the 75 % overlap BS.1770 asks for.
    """
    step = sample_rate_hz // 10
    steps = max(1, -(-audio.size // step))
    framed = np.zeros(steps * step, dtype=np.float32)
    framed[: audio.size] = audio
    frames = framed.reshape(steps, step)
    # Each step's own level and slope are below the K-weighting's 38 Hz high-pass; left in, a
    # rectangular frame would smear them across the spectrum (sub-bass would read too loud).
    ramp = np.arange(step, dtype=np.float32) - np.float32((step - 1) / 2)
    # einsum rather than @ or dot throughout: those go to a multithreaded BLAS whose spinning
    # threads burn more CPU than these small products need (a quarter of a render's, measured).
    slope = _dot(frames, ramp) / _dot(ramp, ramp)
    frames = frames - frames.mean(axis=1, keepdims=True) - slope[:, None] * ramp
    spectra = np.fft.rfft(frames, axis=1)
    step_power = _dot(spectra.real**2 + spectra.imag**2, _bin_weights(step, sample_rate_hz))
    if steps < 4:
        powers = np.array([step_power.mean()])
    else:
        powers = np.convolve(step_power, np.ones(4) / 4, mode="valid")
    powers = powers[powers > 10 ** ((-70 + 0.691) / 10)]
    if powers.size == 0:
        return float("-inf")
    relative_gate = np.mean(powers) * 10 ** (-10 / 10)
    gated = powers[powers > relative_gate]
    return float(-0.691 + 10 * math.log10(float(np.mean(gated))))


def _block_peaks(audio: np.ndarray, block: int, oversample: int) -> np.ndarray:
    """Each block's peak; with ``oversample`` > 1, between the samples too (the true peak).

    A voice with strong sibilants near a quarter of the sample rate peaks up to 3 dB between
    its samples; band-limited (FFT) interpolation finds those peaks.
    """
    if oversample > 1:
        size = 1 << max(0, audio.size - 1).bit_length()  # pocketfft is slow on large prime sizes
        spectrum = np.fft.rfft(audio, size)
        audio = (np.fft.irfft(spectrum, oversample * size) * oversample)[: oversample * audio.size]
        block *= oversample
    whole = audio.size - audio.size % block
    peaks = np.abs(audio[:whole]).reshape(-1, block).max(axis=1)
    if audio.size > whole:
        peaks = np.append(peaks, np.abs(audio[whole:]).max())
    return peaks.astype(np.float32)


def limit_peaks(audio: np.ndarray, ceiling: float, sample_rate_hz: int, oversample: int = 1) -> np.ndarray:
    """A look-ahead peak limiter: smooth gain reduction around every peak above ``ceiling``
    (true peaks, between samples, when ``oversample`` > 1)."""
    block = max(1, sample_rate_hz // 400)  # 2.5 ms
    reach = 4  # blocks of look-ahead and release on each side
    peaks = _block_peaks(audio, block, oversample)
    if peaks.size == 0 or peaks.max() <= ceiling:
        return audio
    gain = np.minimum(np.float32(1.0), np.float32(ceiling) / np.maximum(peaks, np.float32(1e-9)))
    # Every block within `reach` of a peak takes at most the peak's gain; the moving average
    # over a narrower window then stays at or below what each peak needs.
    edged = np.pad(gain, reach, mode="edge")
    held = np.min(np.lib.stride_tricks.sliding_window_view(edged, 2 * reach + 1), axis=1)
    kernel = np.full(reach, 1 / reach, dtype=np.float32)
    smooth = np.convolve(np.pad(held, (reach // 2, reach - 1 - reach // 2), mode="edge"), kernel, "valid")
    limited = audio * np.repeat(smooth.astype(np.float32), block)[: audio.size]
    return np.clip(limited, -ceiling, ceiling, out=limited)


def normalize(
    audio: np.ndarray, target_lufs: float, ceiling: float, sample_rate_hz: int, oversample: int = 1
) -> np.ndarray:
    """Gain to ``target_lufs``, peaks limited to ``ceiling``, and the limiter's loss made good.

    The loss is estimated from the plain power the limiter removed, which spares a second
    K-weighted measurement; a second limiting pass catches the peaks the make-up gain raises.
    ``oversample`` > 1 limits true peaks (see _block_peaks).
    """
    measured = loudness_lufs(audio, sample_rate_hz)
    if not math.isfinite(measured):
        return audio
    gained = audio * np.float32(10 ** (max(-MAX_GAIN_DB, min(MAX_GAIN_DB, target_lufs - measured)) / 20))
    limited = limit_peaks(gained, ceiling, sample_rate_hz, oversample)
    before, after = float(_dot(gained, gained)), float(_dot(limited, limited))
    if after <= 0 or after >= before:
        return limited
    makeup = min(MAX_MAKEUP, math.sqrt(before / after))
    return limit_peaks(limited * np.float32(makeup), ceiling, sample_rate_hz, oversample)
