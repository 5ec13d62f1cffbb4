"""WCAG 2.1 A and AA (axe-core) on every page, in the light and the dark theme, in the states
people meet: the demo's start page, a ready model, a failed model with its reason, a model
not found, a missing key and a rejected key, two models compared, Browse with results, a
status board with a row that could not load (and the history's Since and Up 7 d columns),
the History section with its timeline open, a followed model's announcements (on the
operator's server, whose history database the module fills through a real notifier and a
local receiver), and Watch running.

The app follows the visitor's system theme, so each theme is a browser context with that
`color_scheme`; one tab per theme walks through every state on the servers the whole suite
shares (the demo, and the Custom base URL on the fake API for the rejected key). Each state
also checks what a screen reader announces first: the tab title names the page and the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e_axe import ALLOWED, Violation, axe_violations, report
from e2e_servers import FakeAPI, json_response
from e2e_ui import alert, badge, enter_key, expect_model, main, open_app, open_expander
from notify_receiver import Receiver
from notify_rounds import CRASHING, READY, Clock, make_notifier, play
from playwright.sync_api import Browser, Page, expect

from sgp.demo import SAMPLE_MODELS
from sgp.history.store import open_store
from testkit.bodies import minimal_body
from testkit.servers import ROOT, StreamlitServer

pytestmark = pytest.mark.e2e

APP = "SGP Model Inspector"
LLAMA = "Llama 2 7B Chat (support bot)"
MIXTRAL = "Mixtral 8x7B Instruct (eval)"
LIVE = "Gemma 7B Instruct (live rollout)"
MISSING = "demo-no-such-model"
REJECTED = "mdl-key-rejected"
BOARD_IDS = f"demo-llama-2-7b-chat,demo-mixtral-failed,{MISSING}"
ANNOUNCED = "mdl-a11y-announced"
# The page's background in each theme (Streamlit 1.67's defaults): proof the theme applied.
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(23, 22, 20)"}


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def announced(operator_app: StreamlitServer, server_logs: Path) -> str:
    """ANNOUNCED, followed in the operator server's history, failed and announced minutes
    ago to a local JSON receiver; the operator server's URL."""
    store = open_store(f"sqlite:///{server_logs / operator_app.name}.history.sqlite3")
    store.follow(ANNOUNCED, "a11y@example.com")
    clock = Clock()
    clock.now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    with Receiver() as receiver:
        notifier = make_notifier(store, clock, receiver.url())
        play(store, clock, notifier, *({ANNOUNCED: seen} for seen in (READY, CRASHING, CRASHING)))
        assert len(receiver.received) == 1
    store.close()
    return operator_app.url


@pytest.fixture
def themed_page(theme: str, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


class Walk:
    """One tab walking through states, collecting every violation before failing once."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, list[Violation]] = {}

    def check(self, state: str, url: str, query: str, ready: Callable[[Page], None]) -> None:
        open_app(self.page, url, query)
        ready(self.page)
        self.found[state] = axe_violations(self.page)

    def assert_clean(self) -> None:
        bad = {state: found for state, found in self.found.items() if found}
        assert not bad, "axe found WCAG 2.1 A/AA violations:\n" + report(bad)


def _title(page: Page, *parts: str) -> None:
    expect(page).to_have_title(" · ".join([*parts, APP]))


def _start(page: Page) -> None:
    expect(main(page)).to_contain_text("Enter a model ID to see its status")
    _title(page, "Inspect a model")


def _ready(page: Page) -> None:
    expect_model(page, LLAMA)
    expect(badge(page, "Ready")).to_be_visible()
    raw = open_expander(page, "Raw response and curl")
    raw.get_by_test_id("stJson").locator(".collapsed-icon").first.click()
    expect(raw.get_by_test_id("stJson")).to_contain_text('"model_vendor"')
    _title(page, LLAMA, "Inspect a model")


def _failed(page: Page) -> None:
    expect_model(page, MIXTRAL)
    expect(badge(page, "Failed")).to_be_visible()
    expect(alert(page, "Reason given by the platform")).to_be_visible()
    _title(page, MIXTRAL, "Inspect a model")


def _not_found(page: Page) -> None:
    expect(alert(page, "No such model")).to_be_visible()
    open_expander(page, "Technical details")
    _title(page, MISSING, "Inspect a model")


def _key_missing(page: Page) -> None:
    expect(alert(page, "Paste your API key in the sidebar")).to_be_visible()


def _compare(page: Page) -> None:
    expect_model(page, LLAMA)
    expect_model(page, MIXTRAL)
    expect(main(page).get_by_role("heading", name="What differs")).to_be_visible()
    _title(page, f"{LLAMA} vs {MIXTRAL}", "Compare two models")


def _browse(page: Page) -> None:
    expect(main(page)).to_contain_text(f"Showing 20 of {len(SAMPLE_MODELS)} models")
    _title(page, "Browse models")


def _board(page: Page) -> None:
    expect(main(page)).to_contain_text("1 could not be loaded (see Load error)")
    # Status is told in words as well as colour: each count and each cell has its word.
    metrics = main(page).get_by_test_id("stMetric")
    for word in ("Ready", "Failed", "Could not load"):
        expect(metrics.filter(has_text=word)).to_have_count(1)
        expect(main(page).get_by_test_id("stDataFrame").first).to_contain_text(word)
    _title(page, "Status board")


def _history_open(page: Page) -> None:
    expect_model(page, MIXTRAL)
    timeline = open_expander(page, "Timeline")
    expect(timeline.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(main(page).get_by_test_id("stDataFrame").last).to_contain_text("Ready -> Failed")


def _board_history(page: Page) -> None:
    _board(page)
    table = main(page).get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("Since")
    expect(table).to_contain_text("demo-no-such-model")  # a row that could not load: its ID


def _announcements(page: Page) -> None:
    expect_model(page, "Announced bot")
    expect(main(page)).to_contain_text("Announcements, newest first")
    expect(main(page).get_by_test_id("stDataFrame").last).to_contain_text("Delivered")


def _watching(page: Page) -> None:
    expect_model(page, LIVE)
    main(page).get_by_text("Watch", exact=True).click()
    # The longest interval, so that no tick redraws the header while axe reads the page.
    every = page.get_by_label("Every (seconds)")
    every.fill("60")
    every.press("Enter")
    expect(main(page)).to_contain_text("Watching: checking every 60 s")
    expect(badge(page, "Deploying")).to_have_count(1)  # the old run's header is gone


def test_every_page_and_state_meets_wcag_21_aa_in_both_themes(
    theme: str,
    themed_page: Page,
    demo_app: StreamlitServer,
    custom_app: StreamlitServer,
    fake_api: FakeAPI,
    announced: str,
) -> None:
    walk = Walk(themed_page)
    demo = demo_app.url
    # First: the demo's live model turns ready about 20 s after this session first sees it.
    walk.check("watch running", demo, "?model_id=demo-live-rollout", _watching)
    walk.check("demo start page", demo, "", _start)
    background = themed_page.get_by_test_id("stApp").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background == BACKGROUND[theme], "the browser's colour scheme did not apply"
    walk.check("ready model", demo, "?model_id=demo-llama-2-7b-chat", _ready)
    walk.check("failed model", demo, "?model_id=demo-mixtral-failed", _failed)
    walk.check("model not found", demo, f"?model_id={MISSING}", _not_found)
    walk.check("key missing", demo, "?env=Production&model_id=mdl-1", _key_missing)
    walk.check("compare", demo, "compare?a=demo-llama-2-7b-chat&b=demo-mixtral-failed", _compare)
    walk.check("browse with results", demo, "browse", _browse)
    walk.check("history section open", demo, "?model_id=demo-mixtral-failed", _history_open)
    walk.check(
        "board with an error row and history", demo, f"board?ids={BOARD_IDS}", _board_history
    )
    fake_api.route(ANNOUNCED, minimal_body(ANNOUNCED, name="Announced bot", status="ready"))
    walk.check(
        "a followed model's announcements", announced, f"?model_id={ANNOUNCED}", _announcements
    )

    fake_api.route(REJECTED, lambda _request: json_response({"detail": "bad key"}, status=401))
    open_app(themed_page, custom_app.url)
    enter_key(themed_page, "sk-e2e-rejected")

    def rejected(page: Page) -> None:
        expect(alert(page, "Your API key was not accepted")).to_be_visible()

    # The key lives in the session, so this state is reached by typing, not by a new tab.
    field = themed_page.get_by_role("textbox", name="Model ID")
    field.fill(REJECTED)
    field.press("Enter")
    rejected(themed_page)
    walk.found["key rejected"] = axe_violations(themed_page)
    walk.assert_clean()


def readme_exceptions() -> list[tuple[str, str]]:
    """The (rule, selector pattern) rows of the README's table of Streamlit's exceptions."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| axe rule | element (selector pattern) | why |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rule, pattern = (cell.strip().strip("`") for cell in line.strip("|").split("|")[:2])
        if rule != "(none)":
            rows.append((rule, pattern))
    return rows


def test_every_allowed_violation_is_listed_in_the_readme() -> None:
    assert readme_exceptions() == ALLOWED
