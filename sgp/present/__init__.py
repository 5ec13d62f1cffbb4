"""Presentation: pure functions that turn a model into words, tables and reports.

Plain-language descriptions (`describe`), what a model runs on (`hardware`), flat
configuration and metadata tables (`tables`), the difference of two models (`compare`),
downloads and the curl line (`export`), secret-looking environment values hidden
before anything shows them (`redact`), HTML and Markdown reports (`report`), the one
Markdown escaper (`markdown`), reading pasted IDs (`ids`), explanations and advice from
the serving engine's facts: why a model failed (`causes`), findings on its configuration
(`findings`, from the facts in `sizing`) and what it holds in reserve (`reserve`), and the
whole view of one looked-up model, built once per lookup (`view`). No Streamlit import, no
HTTP. Callers import from here:

    from sgp.present import vendor_config_table
"""

from sgp.present.advice import (
    CauseView,
    FindingView,
    WhyView,
    attention,
    findings_view,
    needs_attention,
)
from sgp.present.causes import (
    CAUSES,
    NOT_KNOWN,
    Cause,
    Explanation,
    FoundCause,
    explain,
    is_failing,
    match_causes,
)
from sgp.present.compare import (
    IDENTICAL,
    SAME,
    config_diff,
    difference_sentence,
)
from sgp.present.describe import (
    STATUSES,
    availability_name,
    identity_name,
    model_type_name,
    plural,
    status_info,
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
from sgp.present.findings import (
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
from sgp.present.report_advice import NO_FINDINGS
from sgp.present.reserve import (
    Reserve,
    reserve,
)
from sgp.present.sizing import (
    params_billions,
    quantity_bytes,
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

__all__ = [
    "CAUSES",
    "CONFIG_COLUMNS",
    "IDENTICAL",
    "LLM_ENGINE_SECTIONS",
    "MAX_IDS",
    "METADATA_COLUMNS",
    "NOTE",
    "NOT_KNOWN",
    "NO_FINDINGS",
    "PROBLEM",
    "REDACTED",
    "SAME",
    "SEVERITIES",
    "STATUSES",
    "WARNING",
    "WORD_JOINER",
    "Cause",
    "CauseView",
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
    "attention",
    "availability_name",
    "break_autolinks",
    "build_view",
    "compare_report_html",
    "compare_report_markdown",
    "config_diff",
    "contract_default",
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
    "looks_secret",
    "match_causes",
    "md_escape",
    "metadata_table",
    "model_report_html",
    "model_report_markdown",
    "model_type_name",
    "needs_attention",
    "params_billions",
    "parse_ids",
    "plural",
    "problem_difference",
    "quantity_bytes",
    "redact_secrets",
    "reserve",
    "status_info",
    "time_ago",
    "to_csv",
    "to_json",
    "vendor_config_table",
    "vendor_name",
]
