"""Streamlit building blocks, grouped by job: the page shell, the caches, what is drawn for
one model, then one folder per page. Components never call requests and never parse JSON."""
