"""Fixtures of the audit log tests: the local clock fixed to Moscow's (UTC+3, no summer time)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def moscow_clock() -> Iterator[None]:
    """The process's local time zone is UTC+3 for the test (the viewer shows the local clock)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "MSK-3"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
