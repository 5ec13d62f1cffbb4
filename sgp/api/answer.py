"""An answer with what came with it: the body, the parsed value, the status and request ID.

Like the official SDK's `with_raw_response`: `client.with_raw_response.get_model(id)` makes
the same request as `client.get_model(id)` and returns an `Answer` instead of the model
alone, so a caller that audits requests (the team's metered client) reads the status and
the API's request ID from the answer itself, with no hook on the client's session (which
may be the caller's own, and which the client promises never to change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sgp.api.schema import InferenceModel, ModelPage

if TYPE_CHECKING:
    from sgp.api.client import SGPClient

T = TypeVar("T")


@dataclass(frozen=True)
class Answer(Generic[T]):
    body: Any  # the decoded JSON exactly as the API sent it
    parsed: T
    status: int
    request_id: str | None


class WithRawResponse:
    """The client's reading methods, each returning an `Answer`."""

    def __init__(self, client: SGPClient) -> None:
        self._client = client

    def get_model(self, model_id: str) -> Answer[InferenceModel]:
        """GET /v5/models/{model_id}: the model, its JSON, the status and the request ID."""
        return self._client._model_answer(model_id)

    def list_models(self, **filters: Any) -> Answer[ModelPage]:
        """GET /v5/models: one page of models, as `SGPClient.list_models` takes its filters."""
        return self._client._list_answer(**filters)
