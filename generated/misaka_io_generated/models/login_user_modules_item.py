"""LoginUserModulesItem: a JSON object of any keys"""

from typing import TypeAlias

LoginUserModulesItem: TypeAlias = dict[str, str]
