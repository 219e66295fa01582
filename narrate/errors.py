"""One exception root for everything a user can be told about, with one subclass per stage."""


class NarrateError(Exception):
    """Something the user must fix: bad input, a missing engine, a full disk.

    The CLI prints ``str(error)`` on one line and exits with status 1.
    """


class InputError(NarrateError):
    """The article cannot be read or holds no article text."""


class EngineError(NarrateError):
    """The speech engine failed or produced audio that does not fit its text."""


class VoiceError(NarrateError):
    """A voice profile is missing or malformed."""


class AudioError(NarrateError):
    """Joining, normalising or encoding audio failed (ffmpeg's message is kept)."""


class OutputError(NarrateError):
    """Writing the episode files failed (permissions, disk full, a concurrent render)."""


class FeedError(NarrateError):
    """The feed cannot be built from the folder given."""


class ServeError(NarrateError):
    """The folder cannot be served (not a folder, the address or port is unavailable)."""
