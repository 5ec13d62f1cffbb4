"""The built-in demo: sample models served through a requests transport adapter.

`demo_client()` is a real SGPClient whose session has a `DemoAdapter` mounted for the demo
base URL, so the demo runs exactly the client code that production runs (URL building,
headers, body reading, JSON parsing, error mapping), with no network at all. The adapter
serves GET /v5/models/{id} and the list endpoint GET /v5/models with cursor paging.
"""

from __future__ import annotations

import copy
import io
import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from sgp.api import DEMO, KNOWN_ENVIRONMENTS, SGPClient
from sgp.demo.models import LIVE_MODEL_ID, SAMPLE_MODELS

DEMO_BASE_URL = KNOWN_ENVIRONMENTS[DEMO].base_url
DEMO_KEY = "demo"
LIVE_READY_AFTER_S = 20.0
MAX_LIMIT = 1000
SORTABLE = {"created_at", "name", "status", "model_vendor", "id"}


class DemoAdapter(BaseAdapter):
    """Answers like the SGP API from the sample models; one live model turns ready over time."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, ready_after: float = LIVE_READY_AFTER_S
    ) -> None:
        super().__init__()
        self._clock = clock
        self._ready_after = ready_after
        self._live_first_seen: float | None = None
        self.requests_served = 0

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        self.requests_served += 1
        url = urlsplit(request.url or "")
        if request.method != "GET":
            return _response(request, 405, {"detail": "The demo is read-only."})
        if url.path == "/v5/models":
            status, payload = self._list(parse_qs(url.query))
            return _response(request, status, payload)
        prefix = "/v5/models/"
        segment = url.path[len(prefix) :] if url.path.startswith(prefix) else None
        if segment is None or "/" in segment:
            return _response(request, 404, {"detail": "Not Found"})
        model = self._model(unquote(segment))
        if model is None:
            return _response(request, 404, {"detail": "Model not found"})
        return _response(request, 200, model)

    def close(self) -> None:
        """Nothing to release: the demo holds no connections."""

    def _model(self, model_id: str) -> dict[str, Any] | None:
        found = next((m for m in SAMPLE_MODELS if m["id"] == model_id), None)
        if found is None:
            return None
        model = copy.deepcopy(found)
        if model_id == LIVE_MODEL_ID:
            self._advance_live(model)
        return model

    def _advance_live(self, model: dict[str, Any]) -> None:
        now = self._clock()
        model["model_metadata"]["note"] = (
            f"Turns ready about {self._ready_after:g} s after you open it."
        )
        if self._live_first_seen is None:
            self._live_first_seen = now
        if now - self._live_first_seen >= self._ready_after:
            model["status"] = "ready"
            model["model_availability"] = "available"

    def _list(self, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        arg = {name: values[-1] for name, values in query.items()}
        try:
            limit = int(arg.get("limit", "100"))
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            return 422, _detail(["query", "limit"], f"limit must be between 1 and {MAX_LIMIT}")
        sort_by = arg.get("sort_by", "created_at")
        if sort_by not in SORTABLE:
            return 422, _detail(["query", "sort_by"], f"sort_by must be one of {sorted(SORTABLE)}")
        models = [self._model(m["id"]) or m for m in SAMPLE_MODELS]
        if vendor := arg.get("model_vendor"):
            models = [m for m in models if m["model_vendor"] == vendor]
        if name := arg.get("name", "").strip().lower():
            models = [m for m in models if name in m["name"].lower()]
        sort_order = arg.get("sort_order", "desc")
        if sort_order not in {"asc", "desc"}:
            return 422, _detail(["query", "sort_order"], "sort_order must be 'asc' or 'desc'")
        descending = sort_order == "desc"
        models.sort(key=lambda m: (str(m.get(sort_by, "")), m["id"]), reverse=descending)
        ids = [m["id"] for m in models]
        start, end = 0, len(models)
        if (after := arg.get("starting_after")) in ids:
            start = ids.index(after) + 1
        if (before := arg.get("ending_before")) in ids:
            end = ids.index(before)
            start = max(start, end - limit)
        page = models[start : min(end, start + limit)]
        has_more = start + limit < end if "ending_before" not in arg else start > 0
        payload = {
            "object": "list",
            "items": page,
            "total": len(models),
            "has_more": has_more,
            "limit": limit,
        }
        return 200, payload


def _detail(loc: list[str], msg: str) -> dict[str, Any]:
    return {"detail": [{"loc": loc, "msg": msg, "type": "value_error"}]}


def _response(request: requests.PreparedRequest, status: int, payload: Any) -> requests.Response:
    body = json.dumps(payload).encode("utf-8")
    response = requests.Response()
    response.status_code = status
    response.reason = {200: "OK", 404: "Not Found", 405: "Method Not Allowed"}.get(status, "")
    response.headers = CaseInsensitiveDict(
        {
            "content-type": "application/json",
            "content-length": str(len(body)),
            "x-request-id": f"demo-{int(time.time() * 1000)}",
        }
    )
    response.raw = io.BytesIO(body)
    response.url = request.url or ""
    response.request = request
    response.encoding = "utf-8"
    return response


def demo_client(
    adapter: DemoAdapter | None = None, *, rollout_s: float = LIVE_READY_AFTER_S
) -> SGPClient:
    """An SGPClient wired to the built-in sample models instead of the network.

    `rollout_s`: seconds after its first lookup until the live model turns ready.
    """
    client = SGPClient(DEMO_KEY, base_url=DEMO_BASE_URL)
    client.session.mount(DEMO_BASE_URL + "/", adapter or DemoAdapter(ready_after=rollout_s))
    return client
