"""`python -m sgp.history changes MODEL_ID`: a model's changes as CSV on standard output.

The database is the app's (SGP_HISTORY_URL from `.streamlit/secrets.toml`, then the
environment; the default SQLite file under `.data/`). Exit 0 with the CSV; 1 when the
model has no history; 2 when history is off, the settings cannot be read or the database
cannot be reached (a plain message on standard error, never the URL's password).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from sgp.history.changes_csv import changes_csv
from sgp.history.db import safe_url
from sgp.history.settings import history_url
from sgp.history.states import changes
from sgp.history.writer import DATABASE_ERRORS
from sgp.settings_file import UnreadableSecrets, read_secrets, secrets_files, setting

WAIT_S = 5.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sgp.history")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("changes", help="print a model's changes as CSV")
    export.add_argument("model_id", help="the model's ID, as the API names it")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        secrets = read_secrets(secrets_files(Path.cwd()))
    except UnreadableSecrets as exc:
        return _fail(2, f"{exc} Fix it to read the history.")
    url = history_url(setting(secrets, os.environ, "SGP_HISTORY_URL"), Path.cwd())
    if url is None:
        return _fail(2, "History is off (SGP_HISTORY_URL=off): nothing was recorded.")
    if _missing_sqlite_file(url):
        return _fail(2, f"No history database at {safe_url(url)} yet: nothing was recorded.")
    # Imported here: SQLAlchemy's engine and the migrations load only when they are needed.
    from sgp.history.store import open_store

    try:
        store = open_store(url, wait_s=WAIT_S)
        try:
            states = store.states(args.model_id)
        finally:
            store.close()
    except DATABASE_ERRORS as exc:
        return _fail(
            2, f"The history database {safe_url(url)} did not answer ({type(exc).__name__})."
        )
    if not states:
        return _fail(
            1,
            f"No history for model {args.model_id!r}: it was never recorded here (follow it "
            "in the app or add it to SGP_FOLLOW, and check the ID).",
        )
    sys.stdout.write(changes_csv(changes(states)))
    return 0


def _missing_sqlite_file(url: str) -> bool:
    try:
        parsed = make_url(url)
    except Exception:  # an unreadable URL: open_store says so plainly
        return False
    database = parsed.database or ""
    return parsed.get_backend_name() == "sqlite" and bool(database) and not Path(database).exists()


def _fail(code: int, message: str) -> int:
    print(message, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
