"""Sending windows: packages after closing, reminders from the registry, UPD export for EDO."""
