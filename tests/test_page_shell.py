"""The page shell: a failure while drawing the shell itself still ends in a plain apology."""

from __future__ import annotations

import pytest
from apptest_pages import open_page


def _broken_sidebar() -> None:
    raise RuntimeError("the sidebar broke")


@pytest.mark.parametrize("page", ["inspect", "compare", "browse", "board"])
def test_a_sidebar_that_breaks_shows_an_apology_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    import components.shell.page as shell

    monkeypatch.setattr(shell, "connection_sidebar", _broken_sidebar)
    at = open_page(page)
    assert not at.exception, at.exception
    assert any("Sorry, something went wrong" in e.value for e in at.error)
    assert not at.text_input  # nothing of the page's body is drawn without a connection
