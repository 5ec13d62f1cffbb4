"""Alembic migrations of the history's schema (applied by `sgp.history.db.upgrade`)."""
