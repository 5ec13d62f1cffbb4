"""The link kept across sign-in holds exactly the parameters its page reads."""

from __future__ import annotations

from components.shell.deep_link import link_params
from components.shell.navigation import BOARD, INSPECT


def test_the_teams_status_page_link_survives_sign_in_and_unread_parameters_do_not() -> None:
    given = {"followed": "1", "ids": "a,b", "env": "Production", "junk": "x" * 100}
    assert link_params(BOARD, given) == {"followed": "1", "ids": "a,b", "env": "Production"}
    assert link_params(INSPECT, {"model_id": "m-1", "followed": "1"}) == {"model_id": "m-1"}
