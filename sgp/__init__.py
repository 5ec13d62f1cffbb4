"""SGP Model Inspector's library, with no Streamlit import (usable from a notebook):

- `sgp.api`: the HTTP client, its errors and the schema (the one front door for them);
- `sgp.present`: words, tables, comparisons and reports made from a model;
- `sgp.demo`: the built-in sample models, served through the real client code.

The version is written here once (pyproject.toml reads it).
"""

__version__ = "0.1.0"
APP_NAME = "sgp-model-inspector"
