"""Running the app for a team, with no Streamlit import: who may sign in (the allowlist),
each person's budget of requests on the operator's key, and the audit trail.

    from sgp.team import Allowlist, MeteredClient, Requester, audit
"""

from sgp.team.allowlist import Allowlist, parse_list, person, subject, verified_email
from sgp.team.audit import AUDIT_LOGGER, audit
from sgp.team.budget import BUDGET, DEFAULT_PER_MINUTE, Budget, OverBudgetError
from sgp.team.metered import MeteredClient, Requester

__all__ = [
    "AUDIT_LOGGER",
    "BUDGET",
    "DEFAULT_PER_MINUTE",
    "Allowlist",
    "Budget",
    "MeteredClient",
    "OverBudgetError",
    "Requester",
    "audit",
    "parse_list",
    "person",
    "subject",
    "verified_email",
]
