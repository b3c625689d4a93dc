"""What a dropdown offers: an id and the title shown (own entities, managers, ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    id: int
    title: str
