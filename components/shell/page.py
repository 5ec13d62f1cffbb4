"""The shell every page is drawn in, written once: page config, the guard, the sidebar, the
title and the demo banner. A page script is `with page(BOARD) as connection:` and a list of
components; `connection` is the run's visit (a Connection that also says who pays).

Each page script is self-sufficient on purpose (no `st.navigation`): with a `pages/` folder,
a deep link such as `/browse` on a freshly started server runs the page without the main
script (measured, Streamlit 1.67), so every page draws the whole shell itself.

With sign-in configured, the sign-in gate comes first: until a person is signed in and
allowed, nothing else is drawn and no request is made (see `components.shell.auth`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from components.shell.auth import sign_in_gate, signed_in_sidebar
from components.shell.errors import page_guard
from components.shell.heap import freeze_startup_heap
from components.shell.navigation import Page
from components.shell.sidebar import connection_sidebar, demo_banner
from components.shell.visit import visit_of
from sgp.team import Visit


@contextmanager
def page(this: Page) -> Iterator[Visit]:
    """Draw the shell of this page and give its body the visit: the visitor's connection and
    who pays for its requests (`components.shell.visit`)."""
    freeze_startup_heap()  # the page's imports are done by now
    st.set_page_config(page_title=this.tab_title, page_icon=this.favicon, layout="wide")
    # Inside the guard from the first line: nothing the sidebar or the page meets shows a
    # traceback.
    shell_drawn = False
    with page_guard():
        email = sign_in_gate(this)
        connection = visit_of(connection_sidebar(), this.title)
        if email:
            signed_in_sidebar(email)
        st.title(this.title, anchor=False)
        demo_banner(connection)
        shell_drawn = True
        yield connection
    if not shell_drawn:
        # The shell itself failed and the guard has apologised: without a connection there
        # is no body to draw, and a generator that never yields would raise a traceback.
        st.stop()


def name_tab(this: Page, subject: str) -> None:
    """Name what this page now shows (a model, two models) in the browser tab's title.

    The model is known only after the lookup, late in the run: Streamlit 1.67 allows
    `st.set_page_config` again later in a run, each call overriding what it sets.
    """
    st.set_page_config(page_title=this.tab_title_for(subject))
