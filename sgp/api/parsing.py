"""Validating decoded JSON as the contract's models, naming every field that failed."""

from __future__ import annotations

from typing import Any

import pydantic

from sgp.api.errors import InvalidResponseError
from sgp.api.schema import InferenceModel, ModelPage


def _problems(exc: pydantic.ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
        for err in exc.errors(include_input=False, include_url=False)
    ]


def parse_model(data: Any, **meta: Any) -> InferenceModel:
    """Validate decoded JSON as an InferenceModel, naming the fields that failed."""
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"The API's answer is a JSON {type(data).__name__}, not an object.", **meta
        )
    try:
        return InferenceModel.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = _problems(exc)
        raise InvalidResponseError(
            "The API's answer is not a valid model: " + "; ".join(problems[:10]),
            problems=problems,
            **meta,
        ) from None


def parse_model_page(data: Any, **meta: Any) -> ModelPage:
    """Validate decoded JSON as a ModelPage; an invalid item is named by its position and ID."""
    if not isinstance(data, dict):
        raise InvalidResponseError(
            f"The API's list answer is a JSON {type(data).__name__}, not an object.", **meta
        )
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise InvalidResponseError("The API's list answer has no list of items.", **meta)
    items = []
    for index, item in enumerate(raw_items):
        try:
            items.append(parse_model(item, **meta))
        except InvalidResponseError as exc:
            raw_id = item.get("id") if isinstance(item, dict) else None
            label = f"Item {index}" + (f" (ID {str(raw_id)[:80]!r})" if raw_id else "")
            raise InvalidResponseError(
                f"{label} of the list: {exc.message}",
                problems=[f"items.{index}.{problem}" for problem in exc.problems],
                **meta,
            ) from None
    try:
        return ModelPage.model_validate({**data, "items": items})
    except pydantic.ValidationError as exc:
        problems = _problems(exc)
        raise InvalidResponseError(
            "The API's list answer is not valid: " + "; ".join(problems[:10]),
            problems=problems,
            **meta,
        ) from None
