"""pandas tables of a model: its vendor configuration and its metadata, flattened.

Each leaf of a nested object becomes one row named by its dotted path from the root
(`model_infra.gpu_type`, `labels.team`); a list is one row holding the whole list; an
empty object or list is one row. `pandas.json_normalize` is not used for the flattening
because it silently drops empty objects (pandas 3.1) and reorders keys; the walk below
is the few lines that keep every leaf (a typed configuration in the contract's field order,
its unknown fields after; anything else in the order the API sent it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

import pandas as pd
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from sgp.api import InferenceModel, LLMEngineVendorConfiguration

CONFIG_COLUMNS = ["section", "field", "value", "default", "is_default"]
METADATA_COLUMNS = ["key", "value"]

# LLM Engine's configuration is flat; these groups let a reader find GPUs and workers fast.
LLM_ENGINE_SECTIONS: dict[str, str] = {
    "model": "model",
    "source": "model",
    "checkpoint_path": "model",
    "quantize": "model",
    "chat_template_override": "model",
    "cpus": "hardware",
    "gpus": "hardware",
    "gpu_type": "hardware",
    "memory": "hardware",
    "storage": "hardware",
    "num_shards": "hardware",
    "nodes_per_worker": "hardware",
    "min_workers": "scaling",
    "max_workers": "scaling",
    "per_worker": "scaling",
    "high_priority": "scaling",
    "inference_framework": "serving",
    "inference_framework_image_tag": "serving",
    "endpoint_type": "serving",
    "post_inference_hooks": "serving",
    "default_callback_url": "serving",
    "public_inference": "serving",
}
SECTION_ORDER = ["model", "hardware", "scaling", "serving", "other"]


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, leaf) for every leaf of a JSON-like value; empty objects are leaves."""
    return _flatten(value, prefix, at_root=not prefix)


def _flatten(value: Any, path: str, at_root: bool) -> Iterator[tuple[str, Any]]:
    # at_root, not `path == ""`: an empty key ("") below the root is a path of its own.
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            yield from _flatten(item, str(key) if at_root else f"{path}.{key}", at_root=False)
    else:
        yield path, value


def _config_data(model: InferenceModel) -> dict[str, Any] | None:
    config = model.vendor_configuration
    if config is None:
        return None
    if isinstance(config, BaseModel):
        # exclude_unset: rows are what the API sent, not defaults filled in by this app.
        return config.model_dump(mode="json", exclude_unset=True)
    return dict(config)


def contract_default(config: Any, path: str) -> tuple[bool, Any]:
    """(has a default, the default) in the contract for a dotted path of a typed configuration.

    A field whose contract default is null (or that is required) has no default.
    """
    target: Any = type(config) if isinstance(config, BaseModel) else None
    info = None
    for part in path.split("."):
        fields = getattr(target, "model_fields", None)
        if not fields or part not in fields:
            return False, None
        info = fields[part]
        target = info.annotation
    if info is None or info.is_required():
        return False, None
    default = info.get_default(call_default_factory=True)
    if default is None or default is PydanticUndefined:
        return False, None
    return True, default.value if isinstance(default, StrEnum) else default


def _section(config: Any, top: str) -> str:
    if isinstance(config, LLMEngineVendorConfiguration):
        return LLM_ENGINE_SECTIONS.get(top, "other")
    return top


def vendor_config_table(model: InferenceModel) -> pd.DataFrame:
    """One row per leaf of the vendor configuration, with the contract's default beside it."""
    data = _config_data(model)
    if data is None:
        return pd.DataFrame(columns=CONFIG_COLUMNS, dtype=object).astype({"is_default": bool})
    config = model.vendor_configuration
    # The section comes from the top-level key itself, not from the dotted path: a key may
    # hold a dot ("gpus.extra" is not in the "gpus" section).
    leaves = [
        (top, path, value) for top, item in data.items() for path, value in flatten({top: item})
    ]
    rows = []
    for top, path, value in leaves or [("", "", data)]:
        has_default, default = contract_default(config, path)
        rows.append(
            {
                "section": _section(config, top),
                "field": path,
                "value": value,
                "default": default,
                "is_default": has_default and same_value(value, default),
            }
        )
    if isinstance(config, LLMEngineVendorConfiguration):
        # Sorted before the frame is built: sort_values with a key costs half the table's time.
        order = {name: i for i, name in enumerate(SECTION_ORDER)}
        rows.sort(key=lambda row: order[row["section"]])
    # dtype=object keeps None as None (pandas 3 would infer a string column with NaN).
    frame = pd.DataFrame(rows, columns=CONFIG_COLUMNS, dtype=object)
    frame["is_default"] = frame["is_default"].astype(bool)
    return frame


def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same type: in Python True == 1, but a flag is not a count."""
    return type(a) is type(b) and a == b


def metadata_table(model: InferenceModel) -> pd.DataFrame:
    """model_metadata as (key, value) rows, nested keys dotted."""
    metadata = model.model_metadata or {}
    rows = [{"key": k, "value": v} for k, v in flatten(metadata)] if metadata else []
    return pd.DataFrame(rows, columns=METADATA_COLUMNS, dtype=object)
