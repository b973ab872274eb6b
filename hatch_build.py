"""Build hook: the spec goes into the wheel as ``misaka_io/misaka-v3.yaml`` (``misaka_io.spec``
and so ``misaka_io.testing`` read it there). Not into an editable install, which reads
``spec/`` in the checkout: there it would only leave a stray ``misaka_io/`` folder in
site-packages."""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class SpecInWheel(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            build_data["force_include"]["spec/misaka-v3.yaml"] = "misaka_io/misaka-v3.yaml"
