"""The operator's settings outside Streamlit: `.streamlit/secrets.toml` and the environment.

Streamlit reads two secrets files, `~/.streamlit/secrets.toml` and then
`<working folder>/.streamlit/secrets.toml` (the later one's keys win), and a value in them
wins over the environment variable of the same name. `read_secrets` does the same with
`tomllib`, so a process without Streamlit (the recorder, the history's command line) sees
exactly what the app sees. A file that exists but cannot be read as TOML is never taken
as "no file": it raises `UnreadableSecrets`, whose message names the file, not its text.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

SECRETS_NAME = Path(".streamlit") / "secrets.toml"


class UnreadableSecrets(Exception):
    """A secrets file exists but does not parse (or cannot be opened)."""


def secrets_files(cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """Where Streamlit looks for secrets, in the order it reads them (the last one wins)."""
    home = home if home is not None else Path(os.environ.get("HOME") or Path.home())
    return [home / SECRETS_NAME, (cwd or Path.cwd()) / SECRETS_NAME]


def read_secrets(files: Sequence[Path]) -> dict[str, Any]:
    """The merged secrets of these files ({} when none exists); raises UnreadableSecrets."""
    merged: dict[str, Any] = {}
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError):
            raise UnreadableSecrets(f"{path} cannot be read.") from None
        try:
            merged.update(tomllib.loads(text))
        except tomllib.TOMLDecodeError:
            # The parser's message may quote the file's text (a key): name the file only.
            raise UnreadableSecrets(f"{path} is not valid TOML.") from None
    return merged


def setting(secrets: Mapping[str, Any], environ: Mapping[str, str], *names: str) -> str:
    """The first name set, secrets first then environment (as the app's shell reads it)."""
    for name in names:
        value = secrets.get(name)
        secret = str(value).strip() if value not in (None, "") else ""
        if found := secret or environ.get(name, "").strip():
            return found
    return ""
