"""Demo data: a realistic, deterministic database and the months of history the first demo start fills."""
