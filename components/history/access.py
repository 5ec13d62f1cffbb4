"""The one question the history asks of a run: does this lookup use the operator's key?

Only the operator's key records and sees the team's history (another key may see other
models). It is answered here and nowhere else, from the visit the page shell yields
(`components.shell.visit`: its requester tells the operator's key by fingerprint). A bare
`Connection` (no visit: a notebook, a test) is never the operator's.
"""

from __future__ import annotations

from sgp.api import Connection
from sgp.team import Visit


def uses_operator_key(connection: Connection) -> bool:
    """True when this run's lookups use the operator's own key (never in the demo)."""
    if connection.is_demo or not isinstance(connection, Visit):
        return False
    return connection.requester is not None and connection.requester.operator_key
