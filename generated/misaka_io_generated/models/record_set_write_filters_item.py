"""RecordSetWriteFiltersItem: a JSON object of any keys"""

from typing import Any, TypeAlias

RecordSetWriteFiltersItem: TypeAlias = dict[str, Any]
