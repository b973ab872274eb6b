"""FlowSeriesLabels: a JSON object of any keys. The group's value of each `group_by` key."""

from typing import TypeAlias

FlowSeriesLabels: TypeAlias = dict[str, str]
