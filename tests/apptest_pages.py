"""The one AppTest app factory: the app's pages opened as a shared link would open them, and
reading what they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def new_app(page: str = "inspect", **params: str) -> AppTest:
    """The app as a link to `page` with these query parameters would open it, not run yet
    (set secrets, the user or session state first, then `.run()`). "inspect" is the main
    script; any other page is pages/<page>.py, reached from it."""
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    if page != "inspect":
        at.switch_page(f"pages/{page}.py")
    return at


def open_page(page: str = "inspect", **params: str) -> AppTest:
    """`new_app(page, **params)`, run once."""
    return new_app(page, **params).run()


def table(at: AppTest) -> Any:
    return at.dataframe[0].value


def counts(at: AppTest) -> dict[str, int]:
    return {metric.label: int(metric.value) for metric in at.metric}
