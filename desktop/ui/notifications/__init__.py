"""Notification screens: the status-bar button, the centre it opens, hearing new ones at once."""
