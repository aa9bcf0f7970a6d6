"""Breakwater: tag difficult interactions, watch load, recover in time."""

__version__ = "0.1.0"
