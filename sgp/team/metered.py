"""A client that makes requests on one person's behalf: budgeted, timed and audited.

`MeteredClient` wraps the shared SGPClient for one page run. Each request it sends first
spends from the person's budget (operator's key only; a person's own key is limited by the
API alone), then leaves one audit line. It is handed to the caches as an unhashed argument,
so a cached answer never reaches it: cached answers cost no budget and leave no line.

The API's status and request id of a successful answer come from a response hook on the
client's session, kept per thread: the board's worker threads each see their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import requests

from sgp.api import InferenceModel, ModelPage, SGPClient, SGPError, request_id
from sgp.team.audit import audit
from sgp.team.budget import BUDGET, Budget, OverBudgetError

T = TypeVar("T")

_last = threading.local()


def _remember(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    _last.status, _last.request_id = response.status_code, request_id(response)


def _observe(client: SGPClient) -> None:
    hooks = client.session.hooks.setdefault("response", [])
    if _remember not in hooks:
        hooks.append(_remember)


@dataclass(frozen=True)
class Requester:
    """Who a request is made for, and with which key. `who` is an email or an anonymous id."""

    who: str
    page: str
    environment: str
    operator_key: bool
    per_minute: int


class MeteredClient:
    """The shared client's read methods, each one budgeted and audited for one person."""

    def __init__(
        self, client: SGPClient, requester: Requester, budget: Budget | None = None
    ) -> None:
        self._client = client
        self.requester = requester
        self._budget = budget if budget is not None else BUDGET
        self.base_url = client.base_url
        self.account_id = client.account_id
        _observe(client)

    def __repr__(self) -> str:
        return f"MeteredClient({self._client!r}, {self.requester!r})"

    def get_model_and_raw(self, model_id: str) -> tuple[dict[str, Any], InferenceModel]:
        return self._send(lambda: self._client.get_model_and_raw(model_id), model_id=model_id)

    def get_model(self, model_id: str) -> InferenceModel:
        return self.get_model_and_raw(model_id)[1]

    def list_models(self, **filters: Any) -> ModelPage:
        sent = {name: value for name, value in filters.items() if value is not None}
        return self._send(lambda: self._client.list_models(**filters), filters=sent)

    def _send(self, call: Callable[[], T], **what: Any) -> T:
        who = self.requester
        _last.status, _last.request_id = None, None
        outcome: int | str | None = None
        rid: str | None = None
        started = time.perf_counter()
        try:
            if who.operator_key:
                self._budget.spend(who.who, who.per_minute)
            result = call()
            outcome, rid = _last.status, _last.request_id
            return result
        except OverBudgetError:
            outcome = "over_budget"  # refused here: nothing was sent
            raise
        except SGPError as exc:
            # An HTTP error is its status; no answer, or a bad one, is the error's class.
            failed = exc.status_code if exc.status_code and exc.status_code >= 400 else None
            outcome, rid = failed or type(exc).__name__, exc.request_id
            raise
        except Exception as exc:
            outcome = type(exc).__name__
            raise
        finally:
            audit(
                "api_request",
                who.who,
                page=who.page,
                environment=who.environment,
                account=self.account_id,
                **what,
                outcome=outcome,
                request_id=rid or _last.request_id,
                duration_ms=round((time.perf_counter() - started) * 1000),
                key="operator" if who.operator_key else "own",
            )
