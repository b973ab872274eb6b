"""What each operation does, one module per resource. Requests reach these already routed,
authenticated and validated against the spec (``spec_router.py``); a handler only adds the
domain rules the schema cannot say (a valid CIDR, a unique prefix, an existing zone) and
the state changes. See ``answers.py`` for how a handler is called and answers.
"""

from misaka_io.testing.stub.answers import Answer, Ctx, Handler, Reply, collect
from misaka_io.testing.stub.handlers import (
    account,
    dns,
    events,
    ip_announcements,
    lighthouse,
    network,
    session,
    shield,
)
from misaka_io.testing.stub.state import State

# Every operation's handler, gathered here from the modules named (not registered as a side
# effect of importing them); a test checks that the operation table has one for each.
HANDLERS: dict[str, Handler] = collect(
    account, dns, events, ip_announcements, lighthouse, network, session, shield
)

__all__ = ["HANDLERS", "Answer", "Ctx", "Reply", "State"]
