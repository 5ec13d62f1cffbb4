"""The compare page (/compare): two IDs, both headers, what differs and the report."""
