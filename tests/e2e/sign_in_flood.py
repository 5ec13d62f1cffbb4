"""Pressing "Sign in" as a script would: Streamlit's own websocket protocol, no browser.

Each press is one new session, as a new browser: it opens `/_stcore/stream` with an XSRF
cookie of its own choosing (the deep-link memory is keyed by it), and sends one
`BackMsg.rerun_script` with the hostile query string and the "Sign in" button's trigger
set, then reads until `script_finished`. The button's widget ID is read once from a first
run that draws the sign-in page. A few presses run at a time; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT_S = 60.0
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
AT_ONCE = 4


def xsrf_cookie() -> str:
    """A version 2 XSRF cookie (`2|mask|masked token|time`) with a fresh random token."""
    mask, token = os.urandom(4), os.urandom(16)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{mask.hex()}|{masked.hex()}|1767225600"


async def _run(url: str, query: str, button_id: str | None) -> tuple[str | None, bool]:
    """One session's run: (the "Sign in" button's ID, whether a sign-in redirect came)."""
    async with websockets.connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],  # type: ignore[list-item]
        origin=url,  # type: ignore[arg-type]
        additional_headers={"Cookie": f"_streamlit_xsrf={xsrf_cookie()}"},
        max_size=MAX_MESSAGE_BYTES,
        open_timeout=RUN_TIMEOUT_S,
    ) as ws:
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_script_hash = ""
        if button_id is not None:
            widget = back.rerun_script.widget_states.widgets.add()
            widget.id, widget.trigger_value = button_id, True
        await ws.send(back.SerializeToString())
        found, redirected = None, False
        async with asyncio.timeout(RUN_TIMEOUT_S):
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "auth_redirect":
                    redirected = True
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    if element.WhichOneof("type") == "button" and element.button.label == "Sign in":
                        found = element.button.id
                elif kind == "script_finished":
                    return found, redirected


async def _flood(url: str, query: str, presses: int) -> int:
    button_id, _ = await _run(url, query, None)
    assert button_id, "the sign-in page drew no 'Sign in' button"
    done = 0
    for start in range(0, presses, AT_ONCE):
        batch = [_run(url, query, button_id) for _ in range(min(AT_ONCE, presses - start))]
        done += sum(redirected for _, redirected in await asyncio.gather(*batch))
    return done


def press_sign_in(url: str, query: str, presses: int) -> int:
    """Press "Sign in" `presses` times, each from a new browser; returns the presses that
    were answered with a sign-in redirect (each one kept a link). In a thread of its own:
    Playwright's sync API holds an event loop in the test's thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _flood(url, query, presses)).result()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
