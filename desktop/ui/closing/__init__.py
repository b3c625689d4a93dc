"""Closing screens."""
