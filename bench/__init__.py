"""Benchmark: synthetic tables, a floor app, and a runner that times every page against it."""
