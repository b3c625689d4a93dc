"""Common screens."""
