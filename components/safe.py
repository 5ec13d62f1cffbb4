"""Showing untrusted text in elements that render Markdown.

Streamlit renders Markdown in headers, alerts, captions, metrics and labels, so text from
the API must be escaped there: every ASCII punctuation character gets a backslash, which
CommonMark shows literally, so no link, image, HTML, colour directive or LaTeX can form;
bare URLs and e-mail addresses are kept from autolinking by `sgp.markdown.break_autolinks`.
"""

from __future__ import annotations

import re
import string

from sgp.markdown import break_autolinks

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def md_escape(text: object, *, one_line: bool = False) -> str:
    """Untrusted text made safe to pass to any Markdown-rendering Streamlit element."""
    escaped = _PUNCTUATION.sub(r"\\\1", break_autolinks(str(text)))
    if one_line:
        return " ".join(escaped.split())
    # Keep the sender's line breaks as visible breaks rather than Markdown paragraphs.
    return "  \n".join(escaped.splitlines())
