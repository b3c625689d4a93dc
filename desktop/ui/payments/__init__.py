"""Payments screens."""
