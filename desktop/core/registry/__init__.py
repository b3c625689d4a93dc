"""The acts registry: filters, totals and exports over every current act, invoice and UPD (queries), a document found by its number (lookup), and the documents' signed scans (scans)."""
