"""Benchmarks of SGP Model Inspector: `make bench` (python -m bench) prints every figure."""
