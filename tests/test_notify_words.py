"""A notification's words with hostile text from the API: inert in a plain-text JSON webhook
and in a Markdown channel (rendered here with CommonMark and linkify), with the rest of the
message (status, explained cause, verbatim reason, time and link) intact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt

from sgp.history.notify import notifier_from_settings
from sgp.history.store import open_store
from tests.notify_receiver import Receiver

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
HOSTILE_NAME = (
    "<script>alert(1)</script>[x](http://evil.example) @channel ![i](http://evil.example/i.png)"
)
HOSTILE_REASON = "OOMKilled <img src=x onerror=alert(1)> see https://evil.example @here <!channel>"


def test_hostile_names_and_reasons_arrive_inert_in_text_and_markdown_channels(
    tmp_path: Path,
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'history.sqlite3'}")
    with Receiver() as text_hook, Receiver() as markdown_hook:
        values = {
            "SGP_NOTIFY_URLS": [text_hook.url(), markdown_hook.url(query="format=markdown")],
            "SGP_PUBLIC_URL": "https://inspector.example.com",
        }
        clock = [T0]
        notifier = notifier_from_settings(store, values, "Staging", clock=lambda: clock[0])
        assert notifier is not None
        config = {"name": HOSTILE_NAME, "model_type": "chat_completion", "model_vendor": "launch"}
        for status, availability, reason in [
            ("ready", "available", None),
            ("ready", "unavailable", HOSTILE_REASON),
            ("ready", "unavailable", HOSTILE_REASON),
        ]:
            store.observe("m-1", clock[0], status, availability, reason, config)
            notifier.after_round(["m-1"])
            clock[0] += dt.timedelta(minutes=1)
        [text] = text_hook.messages()
        [markdown] = markdown_hook.messages()
    store.close()

    # Plain text: the words are there, but no mention and no address that links.
    assert "<script>alert(1)</script>" in text  # as text, shown literally
    for live in ("@channel", "@here", "http://evil", "https://evil"):
        assert live not in text
    assert "Ready but unavailable: the model is deployed but not answering requests." in text
    assert "Why: The model used more memory (RAM) than it was given." in text
    assert "The platform's reason, as sent: OOMKilled <img src=x onerror=alert(1)>" in text
    assert "Since: 1 Dec 2026 09:01 UTC" in text
    assert "Open: https://inspector.example.com/?model_id=m-1" in text

    # Markdown: escaped by Apprise, so a renderer draws no tag, link or image from it.
    html = MarkdownIt("commonmark", {"linkify": True}).enable("linkify").render(markdown)
    for tag in ("<script", "<img", '<a href="http://evil', '<a href="https://evil'):
        assert tag not in html
    assert "&lt;script&gt;" in html and "evil" in html
