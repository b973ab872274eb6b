"""The generated models, re-exported: ``from misaka_io.models import RecordSetWrite``."""

from misaka_io_generated import models as _models
from misaka_io_generated.models import *  # noqa: F403
from misaka_io_generated.types import UNSET, Unset

__all__ = [*_models.__all__, "UNSET", "Unset"]
