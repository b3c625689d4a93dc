"""Payment requests: the registry tab and the card."""
