"""The overview: what needs attention this month, as SQL aggregates."""
