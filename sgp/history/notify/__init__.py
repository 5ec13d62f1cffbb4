"""Notifications: tell a team when a followed model starts failing and when it works again.

The recorder sends; the web app never does. After each round the recorder calls
`Notifier.after_round(model_ids)`, which decides from the stored periods what changed and
held (`decide`), writes it to the outbox before sending (`outbox`), and sends due messages
through Apprise (`channels`) in plain words (`words`). `notifier_from_settings` builds one
from SGP_NOTIFY_* settings (`settings`); `last_announcements` is what the page reads.
Channel URLs are secrets: only their kind and a fingerprint are ever stored or shown.

Wiring it into the recorder (one step): at start, with the operator's settings as a mapping
(environment, then secrets.toml) and the environment's label,

    notifier = notifier_from_settings(store, values, "Production")  # None: no channels

(a setting that cannot be used raises NotifySettingsError or ChannelError, whose message
is plain and names no URL: log it and stop); then hand it to the recorder as its
after-round hook, `Recorder(after_round=notifier)` (it reads the round's observed model
IDs and whether they were stored), or call `notifier.after_round(model_ids)` yourself
after each round's observations are stored. It never raises for a failing database and
bounds each send (10 s), so it cannot break or stall a round.
"""

from sgp.history.notify.notifier import Notifier, RoundReport, notifier_from_settings
from sgp.history.notify.read import Announcement, Delivery, last_announcements
from sgp.history.notify.settings import NotifySettings, NotifySettingsError, notify_settings

__all__ = [
    "Announcement",
    "Delivery",
    "Notifier",
    "NotifySettings",
    "NotifySettingsError",
    "RoundReport",
    "last_announcements",
    "notifier_from_settings",
    "notify_settings",
]
