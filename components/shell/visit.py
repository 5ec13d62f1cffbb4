"""Who pays for a page run's requests, decided in one place: the visit `page()` yields.

A visit is the sidebar's connection plus the requester (`sgp.team.Visit`): the signed-in
person (or the browser session's anonymous id), the page, their budget a minute, and
whether the connection uses the operator's key (told apart by fingerprint, never by the
key). With the operator's key the requests are budgeted; with any key they are audited
(`sgp.team.MeteredClient`). The sign-in re-check travels with it for fragment runs.
"""

from __future__ import annotations

from components.shell.auth import recheck_sign_in, who
from components.shell.settings import demo_rollout_s, operator_settings, requests_per_minute
from sgp.api import Connection, fingerprint
from sgp.team import Requester, Visit


def visit_of(connection: Connection, page: str) -> Visit:
    """This run's visit: the connection, and who its requests are for (read once per run:
    the settings read the secrets)."""
    operator_key = operator_settings().api_key
    requester = Requester(
        who=who(),
        page=page,
        environment=connection.environment.name,
        operator_key=bool(operator_key) and fingerprint(operator_key) == connection.key_fingerprint,
        per_minute=requests_per_minute(),
    )
    return Visit(
        connection.environment,
        api_key=connection.api_key,
        account_id=connection.account_id,
        timeout=connection.timeout,
        requester=requester,
        check=recheck_sign_in,
        demo_rollout_s=demo_rollout_s(),
    )
