"""Presentation: pure functions that turn a model into words, tables and reports.

Plain-language descriptions (`describe`), what a model runs on (`hardware`), flat
configuration and metadata tables (`tables`), the difference of two models (`compare`),
downloads and the curl line (`export`), HTML and Markdown reports (`report`), the one
Markdown escaper (`markdown`), reading pasted IDs (`ids`), explanations and advice from
the serving engine's facts, all in `rules` (why a model failed, findings on its
configuration, the engine's sizing facts, what it holds in reserve), and the
view of each page, built once per lookup: one model (`view`), two compared
(`compare_view`), many in a table (`status_table`: Browse and the board). No Streamlit import, no
HTTP. Callers import from here:

    from sgp.present import vendor_config_table
"""

from sgp.present.advice import (
    CauseView,
    FindingView,
    WhyView,
    findings_view,
)
from sgp.present.compare import (
    IDENTICAL,
    SAME,
    config_diff,
    difference_sentence,
)
from sgp.present.compare_view import CompareView, compare_view
from sgp.present.describe import (
    availability_name,
    identity_name,
    model_type_name,
    time_ago,
    vendor_name,
)
from sgp.present.export import (
    curl_command,
    display_value,
    file_stem,
    to_csv,
    to_json,
)
from sgp.present.hardware import (
    Hardware,
    hardware_of,
    hardware_summary,
)
from sgp.present.ids import (
    MAX_IDS,
    parse_ids,
)
from sgp.present.markdown import (
    WORD_JOINER,
    break_autolinks,
    md_escape,
    md_line,
)
from sgp.present.report import (
    compare_report_html,
    compare_report_markdown,
    model_report_html,
    model_report_markdown,
)
from sgp.present.report_advice import NO_FINDINGS
from sgp.present.rules.causes import (
    CAUSES,
    NOT_KNOWN,
    Cause,
    Explanation,
    FoundCause,
    explain,
    is_failing,
    match_causes,
)
from sgp.present.rules.configuration import (
    NOTE,
    PROBLEM,
    SEVERITIES,
    WARNING,
    Finding,
    field_severity,
    findings,
    has_problem,
    problem_difference,
)
from sgp.present.rules.reserve import (
    Reserve,
    reserve,
)
from sgp.present.rules.sizing import (
    params_billions,
    quantity_bytes,
)
from sgp.present.status_table import (
    BOARD_CSV_NAME,
    BROWSE_COLUMNS,
    LOAD_ERROR,
    NOT_LOADED,
    BoardRow,
    BoardView,
    BrowseView,
    board_row,
    board_view,
    browse_view,
)
from sgp.present.tables import (
    CONFIG_COLUMNS,
    LLM_ENGINE_SECTIONS,
    METADATA_COLUMNS,
    contract_default,
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
    ERROR_STATUSES,
    FINAL_STATUSES,
    STATUSES,
    WATCHED_STATUSES,
    counted,
    join_and,
    plural,
    status_info,
    status_label,
)

__all__ = [
    "BOARD_CSV_NAME",
    "BROWSE_COLUMNS",
    "CAUSES",
    "CONFIG_COLUMNS",
    "ERROR_STATUSES",
    "FINAL_STATUSES",
    "IDENTICAL",
    "LLM_ENGINE_SECTIONS",
    "LOAD_ERROR",
    "MAX_IDS",
    "METADATA_COLUMNS",
    "NOTE",
    "NOT_KNOWN",
    "NOT_LOADED",
    "NO_FINDINGS",
    "PROBLEM",
    "SAME",
    "SEVERITIES",
    "STATUSES",
    "WARNING",
    "WATCHED_STATUSES",
    "WORD_JOINER",
    "BoardRow",
    "BoardView",
    "BrowseView",
    "Cause",
    "CauseView",
    "CompareView",
    "ConfigView",
    "Explanation",
    "FactsView",
    "Finding",
    "FindingView",
    "FoundCause",
    "Hardware",
    "HeaderView",
    "ModelView",
    "Reserve",
    "WhyView",
    "availability_name",
    "board_row",
    "board_view",
    "break_autolinks",
    "browse_view",
    "build_view",
    "compare_report_html",
    "compare_report_markdown",
    "compare_view",
    "config_diff",
    "contract_default",
    "counted",
    "curl_command",
    "difference_sentence",
    "display_value",
    "explain",
    "field_severity",
    "file_stem",
    "findings",
    "findings_view",
    "flatten",
    "hardware_of",
    "hardware_summary",
    "has_problem",
    "header_view",
    "identity_name",
    "is_failing",
    "join_and",
    "match_causes",
    "md_escape",
    "md_line",
    "metadata_table",
    "model_report_html",
    "model_report_markdown",
    "model_type_name",
    "params_billions",
    "parse_ids",
    "plural",
    "problem_difference",
    "quantity_bytes",
    "reserve",
    "status_info",
    "status_label",
    "time_ago",
    "to_csv",
    "to_json",
    "vendor_config_table",
    "vendor_name",
]
