"""Directories: counterparty and own entity cards, import."""
