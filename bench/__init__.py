"""Benchmarks: a synthetic ten-year community and the timing scripts that use it."""
