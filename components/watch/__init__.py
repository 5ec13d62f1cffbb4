"""The one watch both pages share: its record in the session (`record`) and its switch,
interval field and captions (`controls`). The clock itself is `sgp.watch`."""
