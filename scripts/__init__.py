"""Build scripts: generation (spec -> generated/, the facade, the CLI table), spec checks,
spec-diff and vendoring. Run as `python scripts/<name>.py` or through the Makefile."""
