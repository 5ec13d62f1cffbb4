"""The one question the history asks of a run: does this lookup use the operator's key?

Only the operator's key records and sees the team's history (another key may see other
models). It is answered here and nowhere else, from the run's requester that the shell
notes once per run (`components.cache.fair_use.requester`, itself from the operator's key
fingerprint). When the shell hands each page an explicit visit/requester (branch `sec`),
this function is the only place to change.
"""

from __future__ import annotations

from components.cache.fair_use import requester
from sgp.api import Connection


def uses_operator_key(connection: Connection) -> bool:
    """True when this run's lookups use the operator's own key (never in the demo)."""
    return not connection.is_demo and requester(connection).operator_key
