"""Where the history lives: `SGP_HISTORY_URL`'s value turned into a SQLAlchemy URL or None.

Callers read the value as every operator setting is read (secrets.toml, then the
environment) and pass it here. Empty means the
default, an SQLite file under `.data/` beside the app (git-ignored), so a plain `make run`
remembers with no setup; `off` turns history off.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_FILE = Path(".data") / "history.sqlite3"
OFF = "off"


def history_url(value: str | None, app_dir: Path) -> str | None:
    """The history's database URL, or None when history is off."""
    text = (value or "").strip()
    if not text:
        return f"sqlite:///{(app_dir / DEFAULT_FILE).resolve()}"
    if text.lower() == OFF:
        return None
    return text
