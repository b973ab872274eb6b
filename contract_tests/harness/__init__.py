"""The contract harness: the stub and the client, each proven against the spec.

``python -m contract_tests.harness`` (``make contract``) runs both parts and prints one row
per operation; ``--live`` checks a real server instead (see ``live.py``).
"""
