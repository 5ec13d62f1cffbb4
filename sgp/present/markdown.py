"""The one Markdown escaper: untrusted text made inert for Streamlit's Markdown elements and
for the Markdown report.

Streamlit renders Markdown in headers, alerts, captions, metrics and labels, so text from the
API must be escaped there. Backslash-escaping every ASCII punctuation character (which
CommonMark then shows literally) stops links, images, HTML, emphasis, colour directives and
LaTeX from forming, but not GitHub-flavoured autolinks: a bare `https://...`, `www.` or
`name@host` still becomes a link (measured in Streamlit 1.67). A word joiner (U+2060,
invisible, no line break) after the scheme or before the host breaks those patterns without
changing what a reader sees.
"""

from __future__ import annotations

import re
import string

WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www|mailto|xmpp)(?=[:.])|(@)")
# < > & become entities rather than backslash escapes, so that even a renderer that passes
# raw HTML through (some Markdown viewers do) never sees a tag; CommonMark shows them as is.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCTUATION = re.compile(
    "([" + re.escape(string.punctuation.translate({ord(c): None for c in _ENTITIES})) + "])"
)


def break_autolinks(text: str) -> str:
    """The text with a word joiner where a URL, `www.` or an e-mail address would link."""
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + WORD_JOINER, text)


def md_escape(text: object, *, one_line: bool = False) -> str:
    """Untrusted text made safe to pass to any Markdown renderer, shown literally."""
    escaped = _PUNCTUATION.sub(r"\\\1", break_autolinks(str(text)))
    escaped = "".join(_ENTITIES.get(ch, ch) for ch in escaped)
    if one_line:
        return " ".join(escaped.split())
    # Keep the sender's line breaks as visible breaks rather than Markdown paragraphs.
    return "  \n".join(escaped.splitlines())


def md_line(text: object) -> str:
    """`md_escape` on one line: for headers, captions, cells and sentences of the app's own."""
    return md_escape(text, one_line=True)
