"""Streamlit building blocks: each function draws one thing from plain data."""
