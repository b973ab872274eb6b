"""Build scripts: generation (spec -> the operation table, generated/, the facade, api.md),
spec checks, spec diffs, releases and vendoring. Run as `python scripts/<name>.py` or through
the Makefile."""
