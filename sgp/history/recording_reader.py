"""Recording what a lookup saw: a client wrapper that hands each fetched model to a sink.

`RecordingReader` wraps any `ModelReader` (the shared client, the metered client, the
demo's). The lookup cache calls the client only on a miss, so a cached rerun records
nothing and costs nothing; a fetch hands one `Sighting` to the sink (a background writer's
queue, or a session's in-memory history) after the answer arrived. Which lookups are
recorded at all is the app's decision (`components.history.access`): only the operator's
key, or the demo into its own memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sgp.api import InferenceModel, ModelReader
from sgp.history.page_writer import Sighting
from sgp.history.store import configuration_of, state_of


def sighting_of(raw: dict[str, Any], model: InferenceModel, at: dt.datetime) -> Sighting:
    """What one answer says about a model's state, as the API sent it."""
    status, availability, reason = state_of(raw)
    return Sighting(
        model_id=model.id,
        observed_at=at,
        status=status,
        availability=availability,
        reason=reason,
        configuration=configuration_of(raw),
    )


class RecordingReader:
    """A `ModelReader` whose fetched models are also handed to `sink`."""

    def __init__(self, reader: ModelReader, sink: Callable[[Sighting], object]) -> None:
        self._reader = reader
        self._sink = sink

    def __repr__(self) -> str:
        return f"RecordingReader({self._reader!r})"

    def get_model_and_raw(self, model_id: str) -> tuple[dict[str, Any], InferenceModel]:
        raw, model = self._reader.get_model_and_raw(model_id)
        self._sink(sighting_of(raw, model, dt.datetime.now(dt.UTC)))
        return raw, model

    def get_model(self, model_id: str) -> InferenceModel:
        return self.get_model_and_raw(model_id)[1]

    def __getattr__(self, name: str) -> Any:  # list_models, base_url, ... as the reader has
        return getattr(self._reader, name)
