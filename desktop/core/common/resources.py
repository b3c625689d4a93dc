"""Where the application's own files are: forms/, resources/ and db/ beside the package, or in a frozen build."""

from __future__ import annotations

import functools
import sys
from pathlib import Path


@functools.cache  # the same for the whole process; every rendered document asks for a form or a picture
def app_root() -> Path:
    """The folder holding forms/, resources/ and db/ (the repository, or PyInstaller's bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[3]  # desktop/core/common/resources.py


def resource_path(*parts: str) -> Path:
    return app_root().joinpath(*parts)
