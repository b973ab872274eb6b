from __future__ import annotations

from ..types import Model


class ShieldRulesUpdate(Model, kw_only=True, forbid_unknown_fields=True, dict=True):
    """ShieldRulesUpdate object.

    Attributes:
            rules (list[ShieldRuleInput]):
    """

    rules: list[ShieldRuleInput]


from ..models.shield_rule_input import ShieldRuleInput
