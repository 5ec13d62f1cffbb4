"""Who pays for a request is decided in one place (issue 18): the page shell builds the
visit, the caches take it as it is handed to them and import nothing from the shell, and a
bare Connection gets no client (it has nobody to bill), rather than being served as an
anonymous somebody."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from components.cache.clients import client_for
from sgp.api import CUSTOM, Connection, environments

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-operator-who-pays-3e1a"

pytestmark = pytest.mark.usefixtures("fresh_streamlit")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_caches_import_nothing_from_the_page_shell() -> None:
    for path in sorted((ROOT / "components" / "cache").glob("*.py")):
        shell = {m for m in imported_modules(path) if m.startswith("components.shell")}
        assert not shell, f"{path.name} imports {shell}"


def test_a_bare_connection_gets_no_client_from_the_caches() -> None:
    custom = environments("http://127.0.0.1:9")[CUSTOM]
    with pytest.raises(TypeError, match="visit"):
        client_for(Connection(custom, api_key=KEY))


def _visit_body() -> None:
    import os

    import streamlit as st

    from components.shell.visit import visit_of
    from sgp.api import CUSTOM, Connection, environments

    custom = environments(os.environ["SGP_CLIENT_BASE_URL"])[CUSTOM]
    for key in (os.environ["SGP_API_KEY"], "sk-pasted-by-a-visitor"):
        visit = visit_of(Connection(custom, api_key=key), "Compare two models")
        assert visit.requester is not None
        st.text(f"{type(visit).__name__} {visit.requester.page} {visit.requester.operator_key}")


def test_the_shell_makes_each_run_a_visit_saying_who_pays_and_with_which_key(
    operator_api: HTTPServer,
) -> None:
    at = AppTest.from_function(_visit_body, default_timeout=30).run()
    assert not at.exception
    assert [t.value for t in at.text] == [
        "Visit Compare two models True",
        "Visit Compare two models False",
    ]
