"""`python -m sgp.history.recorder` as real processes: settings, --once, signals, two at once.

Few and fast: rounds of 1 s (SGP_RECORDER_MIN_EVERY_S=1 lowers the 10 s floor for tests
only). Each recorder runs in its own process group (testkit's ServerProcess), stopped
whatever happens. What was asked of the API comes from the scripted fake API's log, and
"within two rounds" is counted in the standby's own checks (`--verbose`), not in seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sgp.history import changes
from sgp.history.store import open_store
from testkit.scripted_api import Answer, ScriptedAPI, with_status
from testkit.servers import ROOT, ServerProcess

KEY = "sk-recorder-process-key"
PASSWORD = "pg-process-secret"
STANDBY = "Standby check: another recorder is active."


@pytest.fixture(scope="module")
def api() -> Iterator[ScriptedAPI]:
    with ScriptedAPI(key=KEY) as server:
        yield server


def environment(home: Path, **settings: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SGP_", "STREAMLIT_"))}
    return {
        **base,
        "HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "SGP_RECORDER_MIN_EVERY_S": "1",
        **settings,
    }


def run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_once_reads_the_secrets_file_first_records_every_followed_model_and_exits_0(
    api: ScriptedAPI, tmp_path: Path, closed_port: int
) -> None:
    api.reset()
    api.script("m1", with_status("m1", "failed", '=cmd|" /C calc"!A0, "quoted"'))
    api.script("m2", "ready")
    (tmp_path / ".streamlit").mkdir()
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.write_text(
        f'SGP_API_KEY = "{KEY}"\nbase_url = "{api.base_url}"\nSGP_FOLLOW = ["m1", "m2"]\n'
        f'SGP_HISTORY_URL = "sqlite:///{tmp_path}/h.sqlite3"\n'
    )
    # The environment loses to secrets.toml, as in the app: this key would get a 401.
    env = environment(tmp_path, SGP_API_KEY="sk-env-key-loses", SGP_FOLLOW="m3")
    once = run(tmp_path, env, "sgp.history.recorder", "--once")
    assert once.returncode == 0, once.stderr
    assert sorted(api.asked) == ["m1", "m2"]
    assert "Round 1: 2 models, 2 observed, 0 failed" in once.stderr
    assert KEY not in once.stderr + once.stdout and "Traceback" not in once.stderr

    exported = run(tmp_path, env, "sgp.history", "changes", "m1")
    assert exported.returncode == 0, exported.stderr
    header, row, end = exported.stdout.split("\n")
    assert header == "changed_at,from_status,to_status,lasted_s,reason" and end == ""
    assert row.endswith(',,failed,,"\'=cmd|"" /C calc""!A0, ""quoted"""')
    unknown = run(tmp_path, env, "sgp.history", "changes", "never-seen")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert "No history for model 'never-seen'" in unknown.stderr

    # The database unreachable: what was seen could not be written, so exit 1, plainly.
    secrets.write_text(
        f'SGP_API_KEY = "{KEY}"\nbase_url = "{api.base_url}"\nSGP_FOLLOW = "m2"\n'
        f'SGP_HISTORY_URL = "postgresql://rec:{PASSWORD}@127.0.0.1:{closed_port}/h"\n'
    )
    api.reset()
    unwritten = run(tmp_path, env, "sgp.history.recorder", "--once")
    assert unwritten.returncode == 1 and api.asked == []
    assert "The history database did not answer: nothing was recorded" in unwritten.stderr
    assert PASSWORD not in unwritten.stderr and "Traceback" not in unwritten.stderr

    # A secrets file that does not parse: the key is used nowhere, plainly said, exit 2.
    api.reset()
    secrets.write_text(f'SGP_API_KEY = "{KEY}\nbase_url = [\n')
    broken = run(tmp_path, env, "sgp.history.recorder", "--once")
    assert broken.returncode == 2 and api.asked == []
    assert "is not valid TOML" in broken.stderr and "used nowhere" in broken.stderr
    assert KEY not in broken.stderr and "Traceback" not in broken.stderr


def recorder(name: str, tmp_path: Path, env: dict[str, str]) -> ServerProcess:
    command = [sys.executable, "-m", "sgp.history.recorder", "--every", "1", "--verbose"]
    command += ["--heartbeat", str(tmp_path / f"{name}.alive")]
    return ServerProcess(command, cwd=tmp_path, env=env, stdout=tmp_path / f"{name}.log")


def wait_for(condition: object, what: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_two_recorders_one_asks_and_the_other_takes_over_within_two_rounds_of_a_sigkill(
    api: ScriptedAPI, history_db_url: str, tmp_path: Path
) -> None:
    api.reset()
    seen = {"n": 0}

    def ready_then_failed(model_id: str) -> Answer:
        seen["n"] += 1  # the server handles one request at a time here (one model)
        return with_status(model_id, "ready" if seen["n"] <= 3 else "failed", "rollout")

    api.script("m", ready_then_failed)
    url = history_db_url.replace("postgres@", f"postgres:{PASSWORD}@")
    env = environment(tmp_path, SGP_API_KEY=KEY, SGP_CLIENT_BASE_URL=api.base_url)
    env.update(SGP_FOLLOW="m", SGP_HISTORY_URL=url)
    first, second = recorder("first", tmp_path, env), recorder("second", tmp_path, env)
    try:
        first.start(lambda: "now the active one" in first.output())
        second.start(lambda: second.output().count(STANDBY) >= 2)
        wait_for(lambda: len(api.asked) >= 3, "three rounds of the first recorder")
        assert first.process is not None
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
        checks_before = second.output().count(STANDBY)
        wait_for(lambda: "now the active one" in second.output(), "the standby to take over")
        wait_for(lambda: "Round 2:" in second.output(), "two rounds of the second recorder")
    finally:
        second.stop()
        first.stop()
    first_log, second_log = first.output(), second.output()
    assert second_log.count(STANDBY) - checks_before <= 2  # took over within two rounds
    # Only the active one asked: every request is one of its rounds.
    assert "Round" not in second_log.split("now the active one")[0]
    assert len(api.asked) == first_log.count("Round ") + second_log.count("Round ")
    store = open_store(history_db_url)
    states = store.states("m")
    store.close()
    assert [(c.from_status, c.to_status) for c in changes(states)] == [
        (None, "ready"),
        ("ready", "failed"),
    ]
    for text in (first_log, second_log):
        assert KEY not in text and PASSWORD not in text and "Traceback" not in text


def test_sigterm_in_the_middle_of_a_round_exits_0_and_keeps_what_was_answered(
    api: ScriptedAPI, tmp_path: Path
) -> None:
    api.reset()
    release = threading.Event()

    def slow(model_id: str) -> Answer:
        release.wait(timeout=30)
        return with_status(model_id, "ready")

    api.script("slow", slow)
    url = f"sqlite:///{tmp_path}/h.sqlite3"
    env = environment(tmp_path, SGP_API_KEY=KEY, SGP_CLIENT_BASE_URL=api.base_url)
    env.update(SGP_FOLLOW="slow", SGP_HISTORY_URL=url)
    proc = recorder("stopping", tmp_path, env)
    try:
        proc.start(lambda: "slow" in api.asked)  # its first round is waiting on the API
        assert proc.process is not None
        proc.process.send_signal(signal.SIGTERM)
        release.set()
        code = proc.process.wait(timeout=30)
    finally:
        release.set()
        proc.stop()
    log = proc.output()
    assert code == 0, log
    assert "Recorder stopped (signal)" in log and "Traceback" not in log
    assert api.asked == ["slow"]  # no second round after the signal
    assert (tmp_path / "stopping.alive").exists()  # the liveness probe's file
    store = open_store(url)
    assert [s.status for s in store.states("slow")] == ["ready"]
    store.close()
