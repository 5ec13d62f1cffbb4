"""The recorder process sends the notifications: `python -m sgp.history.recorder` with
SGP_NOTIFY_URLS pointing at a local JSON webhook, against a scripted API.

The API's answers are scripted round by round (ready, ready, failed x3, ready...), so
"within two rounds of the failure holding" is counted in the API's own request log when
each message arrives, never in seconds.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from testkit.scripted_api import ScriptedAPI, with_status
from testkit.servers import ServerProcess
from tests.test_recorder_processes import environment

KEY = "sk-recorder-notify-key"
REASON = "Back-off restarting failed container"


def test_a_failing_followed_model_is_announced_once_when_it_holds_and_once_when_it_recovers(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    messages: list[tuple[int, dict[str, str]]] = []
    arrived = threading.Condition()
    with ScriptedAPI(key=KEY) as api:

        def receive(request: Request) -> Response:
            with arrived:
                messages.append((len(api.asked), json.loads(request.get_data())))
                arrived.notify_all()
            return Response("ok")

        httpserver.expect_request("/hook", method="POST").respond_with_handler(receive)
        failed = with_status("m-bot", "failed", REASON)
        api.script("m-bot", "ready", "ready", failed, failed, failed, "ready", "ready", "ready")
        env = environment(
            tmp_path,
            SGP_API_KEY=KEY,
            SGP_CLIENT_BASE_URL=api.base_url,
            SGP_FOLLOW="m-bot",
            SGP_HISTORY_URL=f"sqlite:///{tmp_path}/h.sqlite3",
            SGP_NOTIFY_URLS=f"json://127.0.0.1:{httpserver.port}/hook",
            SGP_PUBLIC_URL="https://inspector.example",
        )
        command = [sys.executable, "-m", "sgp.history.recorder", "--every", "1"]
        recorder = ServerProcess(command, cwd=tmp_path, env=env, stdout=tmp_path / "rec.log")
        try:
            recorder.start(lambda: len(api.asked) >= 1)
            with arrived:
                assert arrived.wait_for(lambda: len(messages) >= 2, timeout=90), messages
            while len(api.asked) < 10:  # two more rounds: nothing more may be sent
                time.sleep(0.2)
        finally:
            recorder.stop()
        log = recorder.output()

    # Round 4 is the second failed answer (the failure held), round 7 the second ready one.
    assert [at for at, _ in messages] == [4, 7], log
    (_, down), (_, back) = messages
    assert "Model m-bot" in down["message"] and "Failed" in down["message"]
    assert REASON in down["message"]
    assert "https://inspector.example/?model_id=m-bot" in down["message"]
    assert "Model m-bot" in back["message"] and "down for" in back["message"].lower()
    for _, message in messages:
        text = json.dumps(message)
        assert KEY not in text and str(httpserver.port) not in text
    assert KEY not in log and "/hook" not in log and "Traceback" not in log
