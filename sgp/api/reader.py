"""`ModelReader`: what code that reads models needs from a client, and nothing more.

`SGPClient` is one; so is any wrapper that sends the same requests on someone's behalf (the
team's metered client). The lookup cache and the concurrent fetch take a `ModelReader`, so
they accept either without knowing which.
"""

from __future__ import annotations

from typing import Any, Protocol

from sgp.api.schema import InferenceModel


class ModelReader(Protocol):
    def get_model(self, model_id: str) -> InferenceModel: ...

    def get_model_and_raw(self, model_id: str) -> tuple[dict[str, Any], InferenceModel]: ...
