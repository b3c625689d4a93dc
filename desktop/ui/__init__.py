"""Qt widgets, item models, dialogs and thread helpers. Thin: the logic lives in desktop.core."""
