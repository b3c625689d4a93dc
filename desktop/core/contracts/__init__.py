"""Contracts: terms on a date and supplementary agreements, the wizard's editing, the contracts registry, scans, printing, import from spreadsheets and work orders."""
