"""Every error the library raises derives from TrackerError; the CLI prints its message."""


class TrackerError(Exception):
    """Base class. The message names the file, URL, option or config key at fault."""


class CaptureError(TrackerError):
    """A capture file that cannot be read or parsed (empty, binary, truncated, no posts)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ConfigError(TrackerError):
    """A bad config file or key."""


class StorageError(TrackerError):
    """The database cannot be opened or written."""


class NotFoundError(TrackerError):
    """A post, story or snapshot that the user named does not exist."""
