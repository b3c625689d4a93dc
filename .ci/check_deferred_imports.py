"""Every import inside a function says which heavy dependency it defers (docs/architecture.md,
«Layers and import rules»): a `# deferred: ...` comment on its line or on the line above.

An import inside a function hides a dependency; one that dodges a cycle hides a piece in the wrong
place. Prints each undeclared one as path:line and exits 1 when there is any."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def undeclared(path: Path) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    tree = ast.parse("\n".join(lines), str(path))
    # every line of every import statement (a parenthesised one spans several)
    import_lines = {
        n
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                here = lines[inner.lineno - 1]
                above = lines[inner.lineno - 2] if inner.lineno > 1 else ""
                # a run of imports under one comment: look up past the other imports of the run
                k = inner.lineno - 2
                while k >= 0 and k + 1 in import_lines:
                    k -= 1
                lead = lines[k] if k >= 0 else ""
                if not any("# deferred" in text for text in (here, above, lead)):
                    found.append(inner.lineno)
    return sorted(set(found))


def main() -> int:
    bad = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        for line in undeclared(path)
    ]
    for item in bad:
        print(f"import inside a function without a «# deferred: …» reason: {item}")
    if bad:
        print(f"{len(bad)} undeclared function-level import(s).")
        return 1
    print("Every function-level import says what it defers.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
