"""Factcheck: record what officials said, link what happened, rate it, review it."""

__version__ = "0.1.0"
