"""The app's pages, written once: the sidebar's links, each page's title and icons, and the
moves from one page to another.

The environment chosen in the sidebar stays chosen: its selectbox is bound to the `env`
query parameter on every page, and Streamlit refuses a bound parameter in
`st.switch_page(query_params=...)` (StreamlitAPIException), so only the target's own
parameters are passed and the widget carries `env` over by itself. The key and the
account never go into a URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from sgp.present import MAX_IDS

APP_NAME = "SGP Model Inspector"
MAX_SUBJECT = 80  # characters of a model's name in the browser tab's title


@dataclass(frozen=True)
class Page:
    script: str  # the path st.page_link and st.switch_page take
    title: str
    icon: str  # a Material icon for the sidebar link
    favicon: str  # an emoji: Material favicons are fetched from a font CDN, which fails offline
    params: tuple[str, ...] = ()  # the query parameters the page reads (besides `env`)

    @property
    def tab_title(self) -> str:
        return self.tab_title_for("")

    def tab_title_for(self, subject: str) -> str:
        """The browser tab's title: what the page shows (a model), the page, the app.

        Screen readers announce it first, so it names the model and the page (WCAG 2.4.2).
        """
        subject = " ".join(subject.split())
        if len(subject) > MAX_SUBJECT:
            subject = subject[: MAX_SUBJECT - 1] + "…"
        return " · ".join(part for part in (subject, self.title, APP_NAME) if part)


INSPECT = Page("app.py", "Inspect a model", ":material/search:", "🔎", ("model_id",))
COMPARE = Page(
    "pages/compare.py", "Compare two models", ":material/compare_arrows:", "⚖️", ("a", "b", "all")
)
BROWSE = Page(
    "pages/browse.py", "Browse models", ":material/list:", "📋", ("vendor", "name", "sort")
)
FOLLOWED_PARAM = "followed"  # /board?followed=1: the team's status page (components.history)
BOARD = Page(
    "pages/board.py", "Status board", ":material/dashboard:", "📊", ("ids", FOLLOWED_PARAM)
)
PAGES = (INSPECT, COMPARE, BROWSE, BOARD)
SHARED_PARAMS = ("env",)  # the sidebar's environment, on every page


def navigation() -> None:
    for page in PAGES:
        st.sidebar.page_link(page.script, label=page.title, icon=page.icon)


def open_model(model_id: str) -> None:
    """Go to the inspect page showing this model (a shareable /?model_id=... link)."""
    st.switch_page(INSPECT.script, query_params={"model_id": model_id})


def open_board(model_ids: Sequence[str]) -> None:
    """Go to the status board for these models (at most MAX_IDS of them)."""
    st.switch_page(BOARD.script, query_params={"ids": ",".join(model_ids[:MAX_IDS])})
