"""Budget directories (budget items, cost centres) and the approval routes of the own entities."""
