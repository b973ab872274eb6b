"""``python -m misaka_io``: the ``misaka`` command line."""

from misaka_io.cli import run

run()
