"""Contract tests and the in-memory stub of the Misaka.io v3 API."""
