"""Helpers shared by the tests (`tests/`) and the benchmarks (`bench/`); not part of the app.

- `testkit.servers`: a server subprocess in its own process group that never outlives the
  run that started it (`ServerProcess`), and `streamlit run app.py` on a free port built on
  it (`StreamlitServer`).
- `testkit.fake_api`: the keep-alive fake SGP API that counts requests and connections, in a
  thread (`KeepAliveAPI`) or in its own process (`FakeAPIProcess`).
- `testkit.scripted_api`: a fake API whose answers are scripted per model (status changes,
  any HTTP status and headers) and which logs every request in order (`ScriptedAPI`).

Both `python -m pytest` and `python -m bench` import it from the repository root; the
container image leaves it out (.dockerignore is an allow-list).
"""
