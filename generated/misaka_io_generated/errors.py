"""Errors of the generated layer: ``DecodeError`` (an answer that does not fit its model).

The overlay (misaka_io) turns it into ResponseValidationError; HTTP errors are its own.
"""

from .types import DecodeError

__all__ = ["DecodeError"]
