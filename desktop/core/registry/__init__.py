"""The acts registry: filters, totals and exports over every current act, invoice and UPD."""
