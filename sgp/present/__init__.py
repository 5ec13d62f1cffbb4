"""Presentation: pure functions that turn a model into words, tables and reports.

Plain-language descriptions (`describe`), what a model runs on (`hardware`), flat
configuration and metadata tables (`tables`), the difference of two models (`compare`),
downloads and the curl line (`export`), secret-looking environment values hidden
before anything shows them (`redact`), HTML and Markdown reports (`report`), the one
Markdown escaper (`markdown`), reading pasted IDs (`ids`), explanations and advice from
the serving engine's facts, all in `rules` (why a model failed, findings on its
configuration, the engine's sizing facts, what it holds in reserve), and the
view of each page, built once per lookup: one model (`view`), two compared
(`compare_view`), many in a table (`status_table`: Browse and the board). No Streamlit import, no
HTTP. Callers import from here:

    from sgp.present import vendor_config_table

Public here is what the app's pages and components use, plus the entry points a notebook
needs and the README shows: `vendor_config_table`, `flatten`, `config_diff`,
`difference_sentence`, `explain` and `hardware_summary`. Everything else (the rules'
tables and types, the small words' helpers, constants) is imported from its own module,
so that this list stays the library's promise rather than a list of every name.
"""

from sgp.present.advice import (
    FindingView,
    WhyView,
)
from sgp.present.compare import (
    config_diff,
    difference_sentence,
)
from sgp.present.compare_view import (
    CompareView,
    compare_view,
)
from sgp.present.describe import (
    time_ago,
    vendor_name,
)
from sgp.present.export import (
    file_stem,
    to_csv,
    to_json,
)
from sgp.present.hardware import (
    Hardware,
    hardware_summary,
)
from sgp.present.ids import (
    MAX_IDS,
    parse_ids,
)
from sgp.present.markdown import (
    md_escape,
)
from sgp.present.redact import (
    REDACTED,
    looks_secret,
    redact_secrets,
)
from sgp.present.report import (
    compare_report_html,
    compare_report_markdown,
    model_report_html,
    model_report_markdown,
)
from sgp.present.report_advice import (
    NO_FINDINGS,
)
from sgp.present.rules.causes import (
    explain,
)
from sgp.present.rules.configuration import (
    NOTE,
    PROBLEM,
    WARNING,
    Finding,
    findings,
)
from sgp.present.rules.reserve import (
    reserve,
)
from sgp.present.status_table import (
    BOARD_CSV_NAME,
    BROWSE_COLUMNS,
    LOAD_ERROR,
    NOT_LOADED,
    BoardRow,
    BrowseView,
    board_row,
    board_view,
    browse_view,
)
from sgp.present.tables import (
    flatten,
    metadata_table,
    vendor_config_table,
)
from sgp.present.view import (
    ConfigView,
    FactsView,
    HeaderView,
    ModelView,
    build_view,
    header_view,
)
from sgp.present.words import (
    FINAL_STATUSES,
    STATUSES,
    WATCHED_STATUSES,
    status_label,
)

__all__ = [
    "BOARD_CSV_NAME",
    "BROWSE_COLUMNS",
    "FINAL_STATUSES",
    "LOAD_ERROR",
    "MAX_IDS",
    "NOTE",
    "NOT_LOADED",
    "NO_FINDINGS",
    "PROBLEM",
    "REDACTED",
    "STATUSES",
    "WARNING",
    "WATCHED_STATUSES",
    "BoardRow",
    "BrowseView",
    "CompareView",
    "ConfigView",
    "FactsView",
    "Finding",
    "FindingView",
    "Hardware",
    "HeaderView",
    "ModelView",
    "WhyView",
    "board_row",
    "board_view",
    "browse_view",
    "build_view",
    "compare_report_html",
    "compare_report_markdown",
    "compare_view",
    "config_diff",
    "difference_sentence",
    "explain",
    "file_stem",
    "findings",
    "flatten",
    "hardware_summary",
    "header_view",
    "looks_secret",
    "md_escape",
    "metadata_table",
    "model_report_html",
    "model_report_markdown",
    "parse_ids",
    "redact_secrets",
    "reserve",
    "status_label",
    "time_ago",
    "to_csv",
    "to_json",
    "vendor_config_table",
    "vendor_name",
]
