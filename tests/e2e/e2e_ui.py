"""What a person does and sees on the page, as Playwright steps shared by the browser suites.

Page load is awaited on the app's script state; everything after an interaction is awaited
with `expect(...)` on visible text, never with a fixed sleep. The key-leak check searches
every place a key could surface in the browser: the DOM (except the password field's own
value), the URL, web storage and the console, plus whatever else the caller hands in
(server output, downloads, the curl text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Dialog, Download, Locator, Page, expect

APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

# The DOM as HTML, with the value of password fields removed (the one place a typed key
# legitimately lives), plus both kinds of web storage.
_PAGE_TEXT_JS = """() => {
  const copy = document.documentElement.cloneNode(true);
  for (const input of copy.querySelectorAll("input[type=password]")) {
    input.removeAttribute("value");
  }
  const stored = [];
  for (const store of [window.localStorage, window.sessionStorage]) {
    for (let i = 0; i < store.length; i++) {
      stored.push(store.key(i) + "=" + store.getItem(store.key(i)));
    }
  }
  return copy.outerHTML + "\\n" + stored.join("\\n");
}"""


@dataclass
class Watch:
    """What the browser did during a test: dialogs opened, console lines, URLs requested."""

    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)


def watch_page(page: Page, watch: Watch | None = None) -> Watch:
    watch = watch or Watch()

    def on_dialog(dialog: Dialog) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: watch.console.append(message.text))
    page.on("pageerror", lambda error: watch.console.append(f"pageerror: {error}"))
    page.on("request", lambda request: watch.requested.append(request.url))
    return watch


def open_app(page: Page, url: str, query: str = "") -> None:
    """Open the app (optionally with a query string) and wait for its first run to finish."""
    page.goto(url + "/" + query)
    page.wait_for_selector(APP_IDLE, timeout=60_000)


def main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def model_id_field(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Model ID")


def look_up(page: Page, model_id: str) -> None:
    """Type a model ID the way a person does: into the field, then Enter."""
    field_ = model_id_field(page)
    field_.fill(model_id)
    field_.press("Enter")


def enter_key(page: Page, key: str) -> None:
    """Paste a key into the sidebar's password field and confirm it with Enter."""
    field_ = page.get_by_role("textbox", name="API key")
    field_.fill(key)
    field_.press("Enter")
    expect(page.get_by_text("Paste your API key in the sidebar")).to_have_count(0)


def heading(page: Page, text: str) -> Locator:
    return main(page).get_by_role("heading", name=text, exact=True)


def alert(page: Page, text: str) -> Locator:
    """The message box (error, warning or info) that contains this text."""
    return main(page).get_by_test_id("stAlert").filter(has_text=text)


def badge(page: Page, text: str) -> Locator:
    return main(page).locator(".stMarkdownBadge").filter(has_text=text)


def expect_model(page: Page, name: str) -> None:
    """The model's header shows exactly this name."""
    expect(heading(page, name)).to_be_visible()


def expect_error(page: Page, title: str) -> None:
    """A plain error message with this title, and no traceback, is on the page."""
    expect(alert(page, title)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_expander(page: Page, label: str) -> Locator:
    """Open an expander (unless a previous run left it open) and return its contents."""
    expander = main(page).get_by_test_id("stExpander").filter(has_text=label)
    details = expander.get_by_test_id("stExpanderDetails")
    if not details.is_visible():
        expander.locator("summary").click()
    expect(details).to_be_visible()
    return details


def download(page: Page, button_label: str, into: Path) -> str:
    """Click a download button and return the downloaded file's text."""
    with page.expect_download() as info:
        main(page).get_by_role("button", name=button_label).click()
    got: Download = info.value
    target = into / got.suggested_filename
    got.save_as(target)
    return target.read_text(encoding="utf-8")


def page_text(page: Page) -> str:
    """The page's HTML without password values, and its web storage."""
    return str(page.evaluate(_PAGE_TEXT_JS))


def assert_key_hidden(page: Page, key: str, watch: Watch, *, elsewhere: dict[str, str]) -> None:
    """The key occurs nowhere: page HTML, URL, storage, console, or the texts in `elsewhere`."""
    places = {
        "page HTML or storage": page_text(page),
        "URL": page.url,
        "browser console": "\n".join(watch.console),
        "browser requests": "\n".join(watch.requested),
        **elsewhere,
    }
    leaked = [place for place, text in places.items() if key in text]
    assert not leaked, f"the API key appears in: {', '.join(leaked)}"


@dataclass
class Visitor:
    """One person's browser tab kept open across several scenarios of a module."""

    page: Page
    watch: Watch
    key: str


def new_visitor(browser: Browser, url: str, key: str = "") -> Visitor:
    """A fresh browser context on the app; with a key, pasted in the sidebar."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    watch = watch_page(page)
    open_app(page, url)
    if key:
        enter_key(page, key)
    return Visitor(page, watch, key)
