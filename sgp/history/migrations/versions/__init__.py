"""One file per revision of the history's schema."""
