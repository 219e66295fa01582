"""eSpeak NG's synthesis state that outlives an utterance, put back before every utterance.

eSpeak NG keeps a few counters in function-level statics that nothing resets between
utterances, so the same text came out differently depending on what the process had spoken
before (and so on ``--jobs`` and on segment order). Measured on narrate's voices:

- ``Flutter_ix`` (wavegen.c, AdvanceParameters): the phase of the pitch flutter table. It moved
  every voiced segment's pitch contour and where its last wave cycle ends: the same segment came
  out up to ~20 samples longer or shorter, and different everywhere.
- ``cycle_count`` (wavegen.c, Wavegen): which glottal cycles the voice's roughness setting
  attenuates; it changed samples (not lengths) of the narrator and of rough quote voices.
- ``agc`` (wavegen.c, Wavegen): the automatic gain after a clipped sample. It recovers within
  ~0.1 s of pause and no difference was measured without it; it is put back all the same.
- the random generator behind the breath noise of the breathy quote voices (``+f3``, ``+f5``):
  eSpeak seeds it from the clock when it starts, so these voices differed even between two
  fresh processes. ``espeak_ng_SetRandSeed`` (public API) restarts it; the C library's ``rand()``
  is reseeded as well, since the library also links it.
- ``rbreath`` (wavegen.c): the filters that shape that noise, which keep their last outputs.
- ``echo_buf`` (wavegen.c): the echo of the last utterance, cleared only when the voice changes,
  so two segments in a row in one echoing voice (``+f3``, ``+f5``) heard each other.

Together they made two renders of the seed and a fixture (--jobs 1, --jobs 2) differ in 36 of
their 38 segments, by up to 497 samples once trimmed, and the seed's duration by 53 ms; voice,
rate and pitch changes between segments left nothing behind once these are put back.

The statics are not exported, so they are found in the library's ELF symbol table (the
espeakng-loader wheel ships it unstripped) and their load-time values are written back through
ctypes. Before touching memory the addresses are checked against a read-only table of the same
library; anything unexpected (another build, no symbol table, not ELF) disables the reset with a
warning rather than guessing.
"""

from __future__ import annotations

import ctypes
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Statics whose value carries from one utterance into the next (see the module docstring).
CARRIED_STATICS = ("Flutter_ix", "cycle_count", "agc", "rbreath", "echo_buf")
# A constant table in the same library: where it sits in memory proves the addresses right.
_LANDMARK = "Flutter_tab"
# An exported function: its runtime address gives the library's load address.
_ANCHOR = "espeak_Synth"
RAND_SEED = 1

_SHT_SYMTAB = 2
_ELF64_LE = b"\x7fELF\x02\x01"


@dataclass(frozen=True)
class _Symbol:
    address: int  # virtual address in the library file
    size_bytes: int


def _read_symbols(image: bytes, wanted: tuple[str, ...]) -> dict[str, _Symbol]:
    """The symbols named in ``wanted`` from an ELF64 little-endian file's .symtab.

    A function-level static is ``name.1234`` to GCC and ``function.name`` to clang: any
    dot-separated part of a symbol's name may match.
    """
    if not image.startswith(_ELF64_LE):
        return {}
    (section_offset,) = struct.unpack_from("<Q", image, 0x28)
    entry_size, count = struct.unpack_from("<HH", image, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", image, section_offset + n * entry_size) for n in range(count)
    ]
    keys = {key.encode(): key for key in wanted}
    matches: dict[str, list[_Symbol]] = {}
    for _, kind, _, _, offset, size, link, _, _, symbol_size in sections:
        if kind != _SHT_SYMTAB or symbol_size != struct.calcsize("<IBBHQQ"):
            continue
        strings = sections[link][4]
        for name_at, _, _, _, value, length in struct.iter_unpack("<IBBHQQ", image[offset : offset + size]):
            if not value:
                continue
            start = strings + name_at
            for part in image[start : image.index(b"\0", start)].split(b"."):
                if part in keys:
                    matches.setdefault(keys[part], []).append(_Symbol(value, length))
    # A name two files define (eSpeak has two ``peaks``) is not one we can vouch for.
    return {key: symbols[0] for key, symbols in matches.items() if len(symbols) == 1}


def _file_bytes_at(image: bytes, address: int, size_bytes: int) -> bytes | None:
    """The bytes a loaded library holds at ``address`` straight from the file (PT_LOAD segments)."""
    (header_offset,) = struct.unpack_from("<Q", image, 0x20)
    entry_size, count = struct.unpack_from("<HH", image, 0x36)
    for n in range(count):
        kind, _, offset, virtual, _, file_size, _, _ = struct.unpack_from(
            "<IIQQQQQQ", image, header_offset + n * entry_size
        )
        if kind == 1 and virtual <= address and address + size_bytes <= virtual + file_size:
            start = offset + address - virtual
            return image[start : start + size_bytes]
    return None


class UtteranceReset:
    """Writes eSpeak NG's carried statics back to their load-time values and reseeds its noise."""

    def __init__(self, handle: ctypes.CDLL, addresses: dict[str, int], initial: dict[str, bytes]) -> None:
        self._addresses = addresses
        self._initial = initial
        self._seed_espeak = handle.espeak_ng_SetRandSeed
        self._seed_espeak.argtypes = [ctypes.c_long]
        self._seed_libc = ctypes.CDLL(None).srand
        self._seed_libc.argtypes = [ctypes.c_uint]

    @classmethod
    def for_library(cls, library_file: Path, handle: ctypes.CDLL) -> UtteranceReset | None:
        """The reset for the library ``handle`` was loaded from, or None if it cannot be proved safe.

        Call before the first utterance: the values read now are the ones every utterance gets.
        """
        try:
            image = library_file.read_bytes()
            symbols = _read_symbols(image, (*CARRIED_STATICS, _LANDMARK, _ANCHOR))
            handle.espeak_ng_SetRandSeed  # noqa: B018 - eSpeak NG 1.52 or later
            anchor = ctypes.cast(getattr(handle, _ANCHOR), ctypes.c_void_p).value
        except (OSError, struct.error, ValueError, AttributeError) as exc:
            log.warning("eSpeak NG state reset unavailable (%s): renders may vary with --jobs", exc)
            return None
        missing = [name for name in (*CARRIED_STATICS, _LANDMARK, _ANCHOR) if name not in symbols]
        if missing or anchor is None:
            log.warning(
                "eSpeak NG state reset unavailable (%s has no %s): renders may vary with --jobs",
                library_file.name,
                ", ".join(missing) or _ANCHOR,
            )
            return None
        load_address = anchor - symbols[_ANCHOR].address
        landmark = symbols[_LANDMARK]
        if ctypes.string_at(load_address + landmark.address, landmark.size_bytes) != _file_bytes_at(
            image, landmark.address, landmark.size_bytes
        ):
            log.warning("eSpeak NG state reset unavailable (%s is not the loaded library)", library_file)
            return None
        addresses = {name: load_address + symbols[name].address for name in CARRIED_STATICS}
        initial = {
            name: ctypes.string_at(addresses[name], symbols[name].size_bytes) for name in CARRIED_STATICS
        }
        return cls(handle, addresses, initial)

    def __call__(self) -> None:
        """Only while eSpeak's synthesis thread is idle."""
        for name, value in self._initial.items():
            ctypes.memmove(self._addresses[name], value, len(value))
        self._seed_espeak(RAND_SEED)
        self._seed_libc(RAND_SEED)
