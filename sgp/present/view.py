"""One lookup turned into everything the inspect page shows: the model's view, built once.

`build_view(model, raw, ...)` does all the wording, escaping, flattening and table building
for one looked-up model, and returns one frozen value. The page caches it with the lookup
(see `components.cache.views`), so a rerun redraws its fields without recomputing any of
them; components only draw fields. Fields ending in `_md` are already escaped with
`md_escape` and safe in any Markdown-rendering element; every other text field is the
API's own text, for plain-text elements (st.text, st.code, st.dataframe) only.

Only what depends on the viewer or the clock is left to the components: the creation time
in the browser's time zone, "3 days ago", and the reports' time (built when clicked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa

from sgp.api import (
    InferenceModel,
    InferenceModelAvailability,
    InferenceModelStatus,
)
from sgp.present.advice import (
    FindingView,
    WhyView,
    finding_tags,
    findings_view,
    reserve_md,
    why_view,
)
from sgp.present.describe import (
    StatusColor,
    availability_name,
    identity_name,
    model_type_name,
    status_info,
    vendor_name,
)
from sgp.present.export import curl_command, display_value, file_stem
from sgp.present.hardware import hardware_summary
from sgp.present.markdown import md_escape
from sgp.present.tables import metadata_table, vendor_config_table

ERROR_STATUSES = {InferenceModelStatus.failed, InferenceModelStatus.deployment_timeout}
UNNAMED = "(unnamed model)"
REASON_LABEL = "**Reason given by the platform:**  \n"


@dataclass(frozen=True)
class HeaderView:
    """Name, status badge, availability badge, ID and the plain sentence of the status."""

    model_id: str
    status: str  # the API's status value, for logic (watching), never for display
    title_md: str
    status_label: str
    status_icon: str
    status_color: StatusColor
    availability_label: str
    sentence: str
    unknown_status: str | None  # the API's text when this app does not know the status
    unknown_availability: str | None
    reason_md: str | None  # the platform's reason, escaped, with its fixed label
    reason_is_error: bool
    why: WhyView | None = None  # why a failing model fails; None when it is not failing


@dataclass(frozen=True)
class FactsView:
    """Type, vendor, creator and what the model runs on; the creation time stays a time."""

    type_md: str
    vendor_md: str
    created_at: dt.datetime
    created_by_md: str
    identity_md: str
    hardware_md: str | None
    reserve_md: str | None = None  # GPUs kept running, at peak, GPU-hours a day


@dataclass(frozen=True)
class ConfigView:
    """The vendor configuration: values as sent (for filtering and the CSV) and as shown."""

    frame: pd.DataFrame  # values as the API sent them (the CSV is made from this)
    shown: pd.DataFrame  # the same rows with values and defaults as one line of text
    table: pa.Table  # `shown`, ready to draw (arrow conversion done once)
    defaults: int
    csv_name: str
    findings: tuple[FindingView, ...] = ()  # the fields they name are tagged in `shown`

    @property
    def empty(self) -> bool:
        return self.frame.empty


@dataclass(frozen=True)
class ModelView:
    """Everything the inspect page draws for one lookup."""

    header: HeaderView
    facts: FactsView
    config: ConfigView
    metadata: pa.Table | None  # key/value rows as text; None when the owner set none
    newer: pa.Table | None  # values and fields newer than this app; None when there are none
    raw: dict[str, Any]
    json_name: str
    curl: str


def header_view(model: InferenceModel) -> HeaderView:
    info = status_info(model.status)
    availability = model.model_availability
    known = availability is None or isinstance(availability, InferenceModelAvailability)
    reason = model.status_reason
    return HeaderView(
        model_id=model.id,
        status=str(model.status),
        title_md=md_escape(model.name, one_line=True) or UNNAMED,
        status_label=info.label,
        status_icon=info.icon,
        status_color=info.color,
        availability_label=availability_name(availability) if known else "Unknown availability",
        sentence=info.sentence,
        unknown_status=None if info.known else str(model.status),
        unknown_availability=None if known else str(availability),
        reason_md=REASON_LABEL + md_escape(reason) if reason else None,
        reason_is_error=model.status in ERROR_STATUSES,
        why=why_view(model),
    )


def _one_line(value: object) -> str:
    return md_escape(value, one_line=True)


def facts_view(model: InferenceModel) -> FactsView:
    summary = hardware_summary(model)
    return FactsView(
        type_md=_one_line(model_type_name(model.model_type)),
        vendor_md=_one_line(vendor_name(model.model_vendor)),
        created_at=model.created_at,
        created_by_md=_one_line(model.created_by_user_id),
        identity_md=_one_line(identity_name(model.created_by_identity_type)),
        hardware_md=_one_line(summary) if summary else None,
        reserve_md=reserve_md(model),
    )


def _table(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


def config_view(model: InferenceModel) -> ConfigView:
    frame = vendor_config_table(model)
    shown = frame.assign(
        value=frame["value"].map(display_value),
        default=frame["default"].map(display_value),
        finding=pd.Series(finding_tags(model, frame["field"].tolist()), dtype=object),
    )
    table = _table(shown)
    # An all-empty tag column would be typed list<null>; the table draws list<string>.
    where = table.schema.get_field_index("finding")
    table = table.set_column(where, "finding", table.column(where).cast(pa.list_(pa.string())))
    return ConfigView(
        frame=frame,
        shown=shown,
        table=table,
        defaults=int(frame["is_default"].sum()),
        csv_name=f"{file_stem(model.id)}-configuration.csv",
        findings=findings_view(model),
    )


def metadata_view(model: InferenceModel) -> pa.Table | None:
    frame = metadata_table(model)
    if frame.empty:
        return None
    return _table(frame.assign(value=frame["value"].map(display_value)))


def newer_view(model: InferenceModel, raw: dict[str, Any]) -> pa.Table | None:
    """Enum values and fields this app does not know yet, exactly as the API sent them."""
    rows: list[dict[str, object]] = [
        {"what": "value this app does not know yet", "field": field, "value": value}
        for field, value in model.unknown_values().items()
    ]
    for path in model.unknown_fields():
        value: object = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        rows.append({"what": "field this app does not know yet", "field": path, "value": value})
    if not rows:
        return None
    frame = pd.DataFrame(rows, dtype=object)
    return _table(frame.assign(value=frame["value"].map(display_value)))


def build_view(
    model: InferenceModel, raw: dict[str, Any], *, url: str, with_account: bool
) -> ModelView:
    """The whole view of one lookup; `url` and `with_account` only shape the curl line."""
    return ModelView(
        header=header_view(model),
        facts=facts_view(model),
        config=config_view(model),
        metadata=metadata_view(model),
        newer=newer_view(model, raw),
        raw=raw,
        json_name=f"{file_stem(str(raw.get('id', 'model')))}.json",
        curl=curl_command(url, with_account=with_account),
    )
