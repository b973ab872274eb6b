"""EventCountPointBySeverity: a JSON object of any keys"""

from typing import TypeAlias

EventCountPointBySeverity: TypeAlias = dict[str, int]
