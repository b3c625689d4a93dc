"""Features import each other only through their public modules.

A module or package whose name starts with one underscore (`desktop/core/sending/_smtp.py`) is
private to the package that holds it: only that package and its descendants import it. import-linter
cannot say so (its wildcards stand for whole names, `_*` is not one), hence this check over grimp's
graph of every import statement, function-level ones included. Exits 1 on an import from outside.

Run from the repository root: `uv run python .ci/check_private_modules.py`.
"""

from __future__ import annotations

import sys

import grimp

ROOT = "desktop"


def owner(module: str) -> str | None:
    """The package a private module belongs to: the parent of its first private name."""
    parts = module.split(".")
    for position, name in enumerate(parts):
        if name.startswith("_") and not name.startswith("__"):
            return ".".join(parts[:position])
    return None


def main() -> int:
    graph = grimp.build_graph(ROOT, cache_dir=None)
    modules = {m for m in graph.modules if m == ROOT or m.startswith(ROOT + ".")}
    violations = 0
    for imported in sorted(modules):
        package = owner(imported)
        if package is None:
            continue
        for importer in sorted(graph.find_modules_that_directly_import(imported)):
            if importer == package or importer.startswith(package + "."):
                continue
            for detail in graph.get_import_details(importer=importer, imported=imported):
                print(f"{importer} (l.{detail['line_number']}) imports {imported}, private to {package}")
                violations += 1
    if violations:
        print(f"{violations} import(s) of a private module from outside its package.")
        return 1
    print(f"No private module of {ROOT} is imported from outside its package.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
