"""A client that makes requests on one person's behalf: budgeted, timed and audited.

`MeteredClient` wraps the shared SGPClient for one page run. Each request it sends first
spends from the person's budget (operator's key only; a person's own key is limited by the
API alone), then leaves one audit line. It is handed to the caches as an unhashed argument,
so a cached answer never reaches it: cached answers cost no budget and leave no line.

The API's status and request ID come with each answer (`client.with_raw_response`, like
the official SDK's): nothing is hooked onto the client's session, which may be a caller's
own, and the board's worker threads need no per-thread state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sgp.api import Answer, InferenceModel, ModelPage, SGPClient, SGPError
from sgp.team.audit import audit
from sgp.team.budget import BUDGET, Budget, OverBudgetError

T = TypeVar("T")


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

    def __repr__(self) -> str:
        return f"MeteredClient({self._client!r}, {self.requester!r})"

    def get_model_and_raw(self, model_id: str) -> tuple[dict[str, Any], InferenceModel]:
        raw = self._client.with_raw_response
        answer = self._send(lambda: raw.get_model(model_id), model_id=model_id)
        return answer.body, answer.parsed

    def get_model(self, model_id: str) -> InferenceModel:
        return self.get_model_and_raw(model_id)[1]

    def list_models(self, **filters: Any) -> ModelPage:
        sent = {name: value for name, value in filters.items() if value is not None}
        raw = self._client.with_raw_response
        return self._send(lambda: raw.list_models(**filters), filters=sent).parsed

    def _send(self, call: Callable[[], Answer[T]], **what: Any) -> Answer[T]:
        who = self.requester
        outcome: int | str | None = None
        rid: str | None = None
        started = time.perf_counter()
        try:
            if who.operator_key:
                self._budget.spend(who.who, who.per_minute)
            answer = call()
            outcome, rid = answer.status, answer.request_id
            return answer
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
                request_id=rid,
                duration_ms=round((time.perf_counter() - started) * 1000),
                key="operator" if who.operator_key else "own",
            )
