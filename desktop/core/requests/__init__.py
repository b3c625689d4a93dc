"""Outgoing payment requests: the workflow from draft to paid, their checks, lists, export and attachments."""
