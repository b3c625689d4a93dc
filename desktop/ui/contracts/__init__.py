"""Contracts screens."""
