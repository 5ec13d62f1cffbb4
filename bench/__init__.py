"""Benchmarks of SGP Model Inspector: `make bench` (python -m bench) prints every figure.

The fake API and the Streamlit server they measure come from `testkit`, shared with tests/.
"""

API_KEY = "sk-bench-0000000000000000"  # the key every benchmark sends to the fake API
