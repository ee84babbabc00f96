"""Benchmark scripts: large generated workspaces and timings (see README.md here)."""
