"""The changes CSV (`changes_csv`, the page's file too) and `python -m sgp.history changes`.

The exact header, oldest first, UTC times, blank where unknown, and hostile reasons that
stay one field and never run as a spreadsheet formula; the command's exit codes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from sgp.history import changes
from sgp.history.__main__ import main
from sgp.history.changes_csv import changes_csv
from sgp.history.states import State
from sgp.history.store import open_store

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
HOSTILE = [
    '=HYPERLINK("http://evil.example","click"), then "quotes"',
    "+SUM(1,2)",
    "-2+3",
    "@cmd",
    "\t=1+1",
    "  =1+1",
    "line one\r\nline two\n=third",
    "plain, with a comma",
]


def state(status: str, minutes: float, reason: str | None = None, last: float = 0.0) -> State:
    first = T0 + dt.timedelta(minutes=minutes)
    return State("m", status, None, reason, None, first, first + dt.timedelta(minutes=last))


def test_header_order_times_and_blanks() -> None:
    states = [
        state("deploying", 0, last=4),
        state("ready", 4.5, last=60),
        state("failed", 64.75, "OOM"),
    ]
    found = list(csv.reader(io.StringIO(changes_csv(reversed(changes(states))))))
    assert found == [
        ["changed_at", "from_status", "to_status", "lasted_s", "reason"],
        ["2026-12-01T08:00:00Z", "", "deploying", "", ""],
        ["2026-12-01T08:04:30Z", "deploying", "ready", "270", ""],
        ["2026-12-01T09:04:45Z", "ready", "failed", "3615", "OOM"],
    ]
    assert changes_csv([]) == "changed_at,from_status,to_status,lasted_s,reason\r\n"


def test_hostile_reasons_stay_one_field_and_never_start_a_formula() -> None:
    states = [state("failed" if i % 2 else "ready", i, reason) for i, reason in enumerate(HOSTILE)]
    text = changes_csv(changes(states))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(HOSTILE) + 1 and all(len(row) == 5 for row in rows)
    for row, reason in zip(rows[1:], HOSTILE, strict=True):
        assert row[4] in (reason, "'" + reason)  # byte for byte, or with the inert prefix
        assert not row[4].lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[-1][4] == "plain, with a comma"  # harmless text is left alone


def test_the_command_prints_the_csv_and_says_plainly_when_it_cannot(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    closed_port: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("SGP_HISTORY_URL", raising=False)
    assert main(["changes", "m"]) == 2  # nothing recorded yet: no database file made
    assert "No history database" in capsys.readouterr().err
    assert not (tmp_path / ".data").exists()

    store = open_store(f"sqlite:///{tmp_path / '.data' / 'history.sqlite3'}")
    store.observe("m", T0, "ready", None, None, None)
    store.observe("m", T0 + dt.timedelta(seconds=30), "failed", "unavailable", "=1+1", None)
    store.close()
    assert main(["changes", "m"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "changed_at,from_status,to_status,lasted_s,reason",
        "2026-12-01T08:00:00Z,,ready,,",
        "2026-12-01T08:00:30Z,ready,failed,30,'=1+1",
    ]
    assert main(["changes", "other"]) == 1
    assert "No history for model 'other'" in capsys.readouterr().err

    monkeypatch.setenv("SGP_HISTORY_URL", "off")
    assert main(["changes", "m"]) == 2
    assert "History is off" in capsys.readouterr().err
    monkeypatch.setenv(
        "SGP_HISTORY_URL", f"postgresql://rec:db-secret@127.0.0.1:{closed_port}/history"
    )
    assert main(["changes", "m"]) == 2
    err = capsys.readouterr().err
    assert "did not answer" in err and "db-secret" not in err
