"""AktDesk: month closing, acts registry and payments for a Russian services company."""

__version__ = "0.1.0"
