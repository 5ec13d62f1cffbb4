"""Untrusted text stays inert in Markdown: no autolinks, links, images or HTML can form.

Escaped text is rendered by a real CommonMark parser with linkify (markdown-it-py with
linkify-it-py), which must find no link, image or HTML in it.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from sgp.present import md_escape
from sgp.present.markdown import WORD_JOINER, break_autolinks

HOSTILE = [
    "see https://evil.com/x",
    "HTTP://EVIL.COM",
    "www.evil.com",
    "bob@evil.com",
    "mailto:bob@evil.com",
    "<https://evil.com>",
    "[click](https://evil.com)",
    "![x](https://evil.com/p.png)",
    "[ref]\n\n[ref]: https://evil.com",
    "<a href='https://evil.com'>x</a>",
]


def commonmark_with_linkify() -> MarkdownIt:
    """A CommonMark parser that also turns bare addresses into links, as GFM renderers do."""
    return MarkdownIt("commonmark", {"linkify": True}).enable("linkify")


def links_and_html(markdown: str) -> list[str]:
    """Every link, image or raw HTML token the parser makes of this Markdown."""
    found = []
    for token in commonmark_with_linkify().parse(markdown):
        for inner in [token, *(token.children or [])]:
            if inner.type in {"link_open", "image", "html_inline", "html_block"}:
                found.append(f"{inner.type} {inner.attrs or inner.content!r}")
    return found


@pytest.mark.parametrize("text", HOSTILE)
def test_bare_addresses_and_markdown_links_cannot_form_a_link(text: str) -> None:
    assert links_and_html(text), "the parser must link the raw text, or this test proves nothing"
    assert links_and_html(md_escape(text)) == []
    assert links_and_html(md_escape(text, one_line=True)) == []
    assert links_and_html(f"**{md_escape(text, one_line=True)}**") == []


def test_text_reads_the_same_once_the_invisible_joiners_are_removed() -> None:
    text = "Model by bob@team.example, docs at https://wiki.example and www.example.org"
    assert break_autolinks(text).replace(WORD_JOINER, "") == text


def test_ordinary_words_are_left_alone() -> None:
    assert break_autolinks("whttp, www-data, the http header") == "whttp, www-data, the http header"


def test_markdown_syntax_is_escaped_so_it_shows_literally() -> None:
    escaped = md_escape("[click](javascript:alert(1)) ![x](http://h/p.png) <b>")
    assert "](" not in escaped and "<b>" not in escaped and "\\[click\\]" in escaped
