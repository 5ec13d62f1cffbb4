"""Running the app for a team, with no Streamlit import: who may sign in (the allowlist),
each person's budget of requests on the operator's key, the audit trail, and the visit (a
page run's connection with who pays for its requests).

    from sgp.team import Allowlist, MeteredClient, Requester, audit
"""

from sgp.team.allowlist import Allowlist, parse_list, person, subject, verified_email
from sgp.team.audit import AUDIT_LOGGER, audit
from sgp.team.budget import BUDGET, DEFAULT_PER_MINUTE, Budget, OverBudgetError
from sgp.team.metered import MeteredClient, Requester
from sgp.team.visit import Visit

__all__ = [
    "AUDIT_LOGGER",
    "BUDGET",
    "DEFAULT_PER_MINUTE",
    "Allowlist",
    "Budget",
    "MeteredClient",
    "OverBudgetError",
    "Requester",
    "Visit",
    "audit",
    "parse_list",
    "person",
    "subject",
    "verified_email",
]
