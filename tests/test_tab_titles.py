"""The browser tab's title, the first thing a screen reader announces: the model, the page,
the app. (The browser tests check it on the live pages, tests/e2e/test_a11y_pages.py.)"""

from __future__ import annotations

from components.shell.navigation import APP_NAME, BOARD, COMPARE, INSPECT, MAX_SUBJECT


def test_a_page_with_nothing_shown_is_titled_by_the_page_and_the_app() -> None:
    assert INSPECT.tab_title == f"Inspect a model · {APP_NAME}"
    assert BOARD.tab_title == f"Status board · {APP_NAME}"


def test_the_model_shown_comes_first_in_the_tab_title() -> None:
    title = COMPARE.tab_title_for("Llama 2 vs Mixtral")
    assert title == f"Llama 2 vs Mixtral · Compare two models · {APP_NAME}"


def test_a_long_or_multi_line_model_name_stays_one_short_line_in_the_tab() -> None:
    title = INSPECT.tab_title_for("Bot\n  with\ta name " + "x" * 500)
    subject = title.split(" · ")[0]
    assert subject.startswith("Bot with a name xx") and subject.endswith("…")
    assert len(subject) == MAX_SUBJECT and "\n" not in title
