"""The package version; the spec's info.version and pyproject.toml carry the same number."""

__version__ = "0.2.0"
