"""Headless subcommands of `aktdesk`; each module registers its own parser."""
