"""The caches between the pages and `sgp.api`: shared clients, and lookups kept 30 s (5 s for
failures), shared by sessions with the same key fingerprint, never the key."""
