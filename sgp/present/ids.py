"""Reading a pasted list of model IDs, as the status board and its links accept it."""

from __future__ import annotations

import re

MAX_IDS = 200

_SEPARATORS = re.compile(r"[\s,;]+")


def parse_ids(text: str | None) -> list[str]:
    """IDs separated by commas, semicolons, spaces or new lines: blanks dropped, duplicates once.

    The order of first appearance is kept, so the board lists models as they were pasted.
    """
    seen: dict[str, None] = {}
    for part in _SEPARATORS.split(text or ""):
        if part:
            seen.setdefault(part, None)
    return list(seen)
