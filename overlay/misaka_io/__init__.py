"""misaka_io: the hand-written overlay around the generated Misaka.io v3 client."""

from misaka_io._version import __version__

__all__ = ["__version__"]
