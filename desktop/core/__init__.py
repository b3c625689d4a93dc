"""The domain and its services. Never imports Qt."""
