"""Settings screens."""
