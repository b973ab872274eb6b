"""Contract tests: the spec's own checks, the client against the stub (``misaka_io.testing``)
and the live API, and the harness that runs them and reports."""
