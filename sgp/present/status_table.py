"""Many models in one table (Browse and the status board): the rows, counts and sentences.

Pure functions of the models: the components draw `BrowseView` and `BoardView` fields only.
A row's "Why" cell and whether the model needs attention come from one reading of its
explanation and findings (`board_row`), built once per lookup and cached with it by the
board (`components.cache.views`). Every cell that comes from the API is plain text for
st.dataframe; the `_md` sentences are escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from sgp.api import InferenceModel, SGPError
from sgp.present.describe import (
    availability_name,
    model_type_name,
    vendor_name,
)
from sgp.present.export import to_csv
from sgp.present.hardware import hardware_summary
from sgp.present.rules.causes import explain
from sgp.present.rules.configuration import findings, has_problem
from sgp.present.words import plural, status_label

NOT_LOADED = "Could not load"
LOAD_ERROR = "Load error"  # why a row could not be loaded; empty for every loaded row
COLUMNS = [
    "Name",
    "Status",
    "Why",
    "Availability",
    "Vendor",
    "Type",
    "Hardware",
    "Created",
    "ID",
    LOAD_ERROR,
]
BOARD_COLUMNS = (
    "ID",
    "Name",
    "Status",
    LOAD_ERROR,
    "Why",
    "Availability",
    "Vendor",
    "Hardware",
    "Created",
)
BROWSE_COLUMNS = ("Name", "Status", "Vendor", "Type", "Hardware", "Created", "ID")
BOARD_CSV_NAME = "sgp-status-board.csv"


def model_row(model: InferenceModel, why: str = "") -> dict[str, object]:
    return {
        "Name": model.name,
        "Status": status_label(model.status),
        "Why": why,
        "Availability": availability_name(model.model_availability),
        "Vendor": vendor_name(model.model_vendor),
        "Type": model_type_name(model.model_type),
        "Hardware": hardware_summary(model) or "",
        "Created": model.created_at,
        "ID": model.id,
        LOAD_ERROR: "",
    }


def error_row(model_id: str, error: SGPError) -> dict[str, object]:
    return {
        **dict.fromkeys(COLUMNS, ""),
        "Status": NOT_LOADED,
        "Created": None,
        "ID": model_id,
        LOAD_ERROR: f"{error.title}: {error.message}",
    }


def models_frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """Rows as a table with a real datetime column (UTC), ready to show or export."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    frame["Created"] = pd.to_datetime(frame["Created"], utc=True)
    return frame


@dataclass(frozen=True)
class BoardRow:
    """One model on the board: its row, and whether it is failing or has a problem."""

    row: dict[str, object]
    troubled: bool


def board_row(model: InferenceModel) -> BoardRow:
    """The row with its "Why" cell: the cause of a failing model, else its top finding."""
    why, found = explain(model), findings(model)
    if why is not None:
        cell = why.short
    else:
        cell = f"{found[0].severity.capitalize()}: {found[0].title}" if found else ""
    return BoardRow(model_row(model, cell), why is not None or has_problem(found))


@dataclass(frozen=True)
class BoardView:
    """What the board draws under its buttons: the count line, the problems line, the table."""

    frame: pd.DataFrame
    columns: tuple[str, ...]  # the load error column only when a row could not be loaded
    count_sentence: str
    troubled_md: str

    def csv(self) -> str:
        """The table as CSV (built when the download is clicked, not on every run)."""
        created = self.frame["Created"].map(lambda t: "" if pd.isna(t) else t.isoformat())
        return to_csv(self.frame.assign(Created=created)[COLUMNS])


def board_view(rows: Sequence[BoardRow | tuple[str, SGPError]]) -> BoardView:
    """The board of these rows, in order: a loaded model's row, or (ID, error) for one that
    could not be loaded."""
    failed = sum(isinstance(row, tuple) for row in rows)
    troubled = sum(row.troubled for row in rows if isinstance(row, BoardRow))
    frame = models_frame(error_row(*row) if isinstance(row, tuple) else row.row for row in rows)
    note = f"; {failed:,} could not be loaded (see {LOAD_ERROR})" if failed else ""
    return BoardView(
        frame=frame,
        columns=BOARD_COLUMNS if failed else tuple(c for c in BOARD_COLUMNS if c != LOAD_ERROR),
        count_sentence=f"{len(rows):,} {plural(len(rows), 'model')}{note}.",
        troubled_md=(
            f":material/report: **{troubled:,} {plural(troubled, 'model')} with problems**: "
            "failing, or with a configuration problem (see Why / finding)."
        ),
    )


@dataclass(frozen=True)
class BrowseView:
    """What Browse draws for the models loaded so far."""

    frame: pd.DataFrame
    ids: tuple[str, ...]
    count_sentence: str


def browse_view(models: Sequence[InferenceModel], total: int | None) -> BrowseView:
    of = f" of {total:,}" if total is not None else ""
    return BrowseView(
        frame=models_frame(model_row(model) for model in models),
        ids=tuple(model.id for model in models),
        count_sentence=(
            f"Showing {len(models):,}{of} {plural(len(models), 'model')}; the counts below are "
            "of those shown."
        ),
    )
