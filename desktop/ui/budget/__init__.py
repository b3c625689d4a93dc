"""Budget directories and approval routes."""
