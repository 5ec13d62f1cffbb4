"""Untrusted text stays inert in Markdown: no autolinks, links, images or HTML can form."""

from __future__ import annotations

import pytest

from sgp.present import WORD_JOINER, break_autolinks, md_escape


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("see https://evil.example/x", "https" + WORD_JOINER + "://"),
        ("HTTP://EVIL.EXAMPLE", "HTTP" + WORD_JOINER + "://"),
        ("www.evil.example", "www" + WORD_JOINER + "."),
        ("bob@evil.example", "@" + WORD_JOINER),
        ("mailto:bob@evil.example", "mailto" + WORD_JOINER + ":"),
    ],
)
def test_bare_addresses_cannot_autolink(text: str, broken: str) -> None:
    assert broken in break_autolinks(text)
    assert broken.replace("\\", "") in md_escape(text).replace("\\", "")
    assert WORD_JOINER in md_escape(text, one_line=True)


def test_text_reads_the_same_once_the_invisible_joiners_are_removed() -> None:
    text = "Model by bob@team.example, docs at https://wiki.example and www.example.org"
    assert break_autolinks(text).replace(WORD_JOINER, "") == text


def test_ordinary_words_are_left_alone() -> None:
    assert break_autolinks("whttp, www-data, the http header") == "whttp, www-data, the http header"


def test_markdown_syntax_is_escaped_so_it_shows_literally() -> None:
    escaped = md_escape("[click](javascript:alert(1)) ![x](http://h/p.png) <b>")
    assert "](" not in escaped and "<b>" not in escaped and "\\[click\\]" in escaped
