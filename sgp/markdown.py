"""Untrusted text made inert in Markdown, for the app's Markdown elements and the reports.

Backslash-escaping every ASCII punctuation character stops links, images, HTML, emphasis,
colour directives and LaTeX from forming, but not GitHub-flavoured autolinks: a bare
`https://...`, `www.` or `name@host` still becomes a link (measured in Streamlit 1.67).
A word joiner (U+2060, invisible, no line break) after the scheme or before the host
breaks those patterns without changing what a reader sees.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www|mailto|xmpp)(?=[:.])|(@)")


def break_autolinks(text: str) -> str:
    """The text with a word joiner where a URL, `www.` or an e-mail address would link."""
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + WORD_JOINER, text)
