"""Signed scans: the store that files a scan on the share for its owner, and the inbox of scanned batches."""
