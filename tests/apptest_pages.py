"""Opening the app's pages in AppTest as a shared link would, and reading what they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str, **params: str) -> AppTest:
    """pages/<page>.py with these query parameters, opened from the main script."""
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(f"pages/{page}.py").run()


def table(at: AppTest) -> Any:
    return at.dataframe[0].value


def counts(at: AppTest) -> dict[str, int]:
    return {metric.label: int(metric.value) for metric in at.metric}
