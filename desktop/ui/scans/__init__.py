"""The scan inbox: scanned batches split into pages and assigned to their documents."""
