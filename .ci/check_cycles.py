"""No import cycle among the desktop modules, function-level imports included.

import-linter's acyclic_siblings contract is stricter (it forbids two packages importing each other
through different modules) and blind to a package and its own child importing each other, so the
cycles are found here: grimp's graph of every import statement (module level, in functions, under
TYPE_CHECKING), its strongly connected components, one shortest cycle printed for each with every
import inside the component. Exits 1 when there is a cycle.

Run from the repository root: `uv run python .ci/check_cycles.py`.
"""

from __future__ import annotations

import sys
from collections import deque

import grimp

ROOT = "desktop"


def components(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def successors(module: str) -> list[str]:
        return sorted(graph.find_modules_directly_imported_by(module) & modules)

    for start in sorted(modules):
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(successors(start)))]
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def shortest_cycle(graph: grimp.ImportGraph, component: list[str]) -> list[str]:
    """The shortest cycle through the component's first module (breadth first, inside it)."""
    members = set(component)
    start = component[0]
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for child in sorted(graph.find_modules_directly_imported_by(module) & members):
            if child == start:
                path = [module]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child not in came_from:
                came_from[child] = module
                queue.append(child)
    raise AssertionError(f"{start} is in no cycle")


def main() -> int:
    graph = grimp.build_graph(ROOT, cache_dir=None)
    modules = {m for m in graph.modules if m == ROOT or m.startswith(ROOT + ".")}
    cycles = components(graph, modules)
    for component in cycles:
        print(
            f"Import cycle among {len(component)} modules: " + " -> ".join(shortest_cycle(graph, component))
        )
        members = set(component)
        for importer in component:
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
                details = graph.get_import_details(importer=importer, imported=imported)
                lines = ", ".join(f"l.{d['line_number']}" for d in details)
                print(f"    {importer} -> {imported} ({lines})")
    if cycles:
        print(f"{len(cycles)} import cycle(s) among {ROOT} modules.")
        return 1
    print(f"No import cycle among {len(modules)} {ROOT} modules.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
