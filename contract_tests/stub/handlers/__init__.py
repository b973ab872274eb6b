"""What each operation does, one module per resource. Requests reach these already routed,
authenticated and validated against the spec (``spec_router.py``); a handler only adds the
domain rules the schema cannot say (a valid CIDR, a unique prefix, an existing zone) and
the state changes. See ``answers.py`` for how a handler is called and answers.
"""

from contract_tests.stub.answers import HANDLERS, Answer, Ctx, Reply
from contract_tests.stub.handlers import (  # noqa: F401 - importing registers the handlers
    account,
    dns,
    events,
    ip_announcements,
    lighthouse,
    network,
    session,
    shield,
)
from contract_tests.stub.state import State

__all__ = ["HANDLERS", "Answer", "Ctx", "Reply", "State"]
