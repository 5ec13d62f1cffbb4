"""What happened to a model: the history's front door (no Streamlit import).

`states` holds the value types (a `State` is one period of one state of one model) and the
pure figures drawn from them: spans with honest gaps, uptime with the share observed, the
list of changes, and since when the current status holds. The database side is imported
from its own modules (they load SQLAlchemy): `store` (`open_store`, `Store`,
`configuration_of`), `guard` (`GuardedStore`, `HistoryUnavailable`) and `settings`
(`history_url`). The recorder (`python -m sgp.history.recorder`) is `recorder` (its
command line), `recording` (the loop and the `after_round` hook), `poll` (one round),
`leader` (one active recorder), `writer` (buffer, backoff, retention) and
`recorder_settings`; `changes_csv` builds the changes file that `python -m sgp.history
changes MODEL_ID` prints and the page offers.
"""

from sgp.history.states import (
    MAX_GAP,
    Change,
    Since,
    Span,
    State,
    Uptime,
    changes,
    current_since,
    spans,
    uptime,
)

__all__ = [
    "MAX_GAP",
    "Change",
    "Since",
    "Span",
    "State",
    "Uptime",
    "changes",
    "current_since",
    "spans",
    "uptime",
]
