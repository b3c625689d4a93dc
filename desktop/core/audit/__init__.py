"""The audit log viewer: who changed which stored row, when, and each column from → to."""
